package org.stoa.connections.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.connections.internal.ConnectionMessage.ControlRequest;
import org.stoa.db.ModuleSchema;

/**
 * Carries out on this node's sockets the drops and force-reloads any node asked for, when the
 * request's filters match this node's label, and reports how far it got as it goes.
 */
@Component(service = ClusterReceiver.class)
public class ControlExecution implements ClusterReceiver<ConnectionMessage> {

    /** Where a node's progress with one request goes (the reports table, read by the command that asked). */
    interface Progress {
        void report(UUID request, int reached, int total, boolean done);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ControlExecution.class);
    private static final long REPORT_EVERY_NANOS = 500_000_000L;

    private final String label;
    private final Controllable.Source sockets;
    private final Progress progress;
    private final ExecutorService control = Executors.newCachedThreadPool(Threads.daemon("stoa-connections-control"));
    private final ScheduledExecutorService grace = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("stoa-connections-grace"));

    @Activate
    public ControlExecution(@Reference NodeCounts node, @Reference LiveSockets sockets,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema) {
        this(node.identity().label(), sockets, reportsTo(schema.dataSource(), node.identity()));
    }

    ControlExecution(String label, Controllable.Source sockets, Progress progress) {
        this.label = label;
        this.sockets = sockets;
        this.progress = progress;
    }

    private static Progress reportsTo(DataSource database, NodeIdentity identity) {
        ClusterRepository repository = new ClusterRepository();
        return (request, reached, total, done) -> BackgroundWork.run(database, LOG, "report control progress",
                c -> repository.report(c, request, identity.id(), identity.label(), reached, total, done));
    }

    @Deactivate
    void stop() {
        control.shutdownNow();
        grace.shutdownNow();
    }

    @Override
    public Topic<ConnectionMessage> topic() {
        return ConnectionMessage.TOPIC;
    }

    @Override
    public void receive(ConnectionMessage message) {
        if (message instanceof ControlRequest request) {
            control.execute(() -> act(request));
        }
    }

    /** Applies a drop or force-reload to this node's matching sockets; returns how many it reached. */
    int act(ControlRequest request) {
        boolean matches = false;
        for (String filter : request.filters()) {
            matches |= Glob.compile(filter).matcher(label).matches();
        }
        boolean staggered = request.staggered();
        boolean reload = request.reload();
        // Staggered, the longest-open sockets go first; all at once, the order is moot and sorting tens of
        // thousands of sockets would only delay the first of them.
        List<? extends Controllable> targets = !matches ? List.of() : staggered ? sockets.oldestFirst() : sockets.all();
        int reached = 0;
        long lastReport = System.nanoTime();
        // All at once, the first report waits half a second like every other one: a database round trip
        // here would come before the first socket is reached.
        if (staggered || targets.isEmpty()) {
            progress.report(request.request(), 0, targets.size(), targets.isEmpty());
        }
        // The loop that reaches every socket is plain on purpose: the first force-reload of a node's life
        // runs it cold, and each lambda or per-socket timer in it costs time before the last socket.
        for (Controllable socket : targets) {
            if (staggered && reached > 0) {
                Threads.sleep(request.intervalMillis());
            }
            if (!reload) {
                socket.drop();
            } else if (staggered) {
                socket.reload();
            } else {
                socket.tellToReload();
            }
            reached++;
            if (System.nanoTime() - lastReport > REPORT_EVERY_NANOS) {
                progress.report(request.request(), reached, targets.size(), false);
                lastReport = System.nanoTime();
            }
        }
        if (reload && !staggered && !targets.isEmpty()) {
            // All were told within moments: one task closes them once the last has had its grace.
            grace.schedule(() -> control.execute(() -> targets.forEach(Controllable::drop)),
                    Controllable.RELOAD_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (!targets.isEmpty()) {
            progress.report(request.request(), reached, targets.size(), true);
        }
        LOG.info("connections: {} reached {} of this node's sockets (request {})", request.action(), reached,
                request.request());
        return reached;
    }
}
