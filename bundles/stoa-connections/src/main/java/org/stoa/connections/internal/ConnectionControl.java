package org.stoa.connections.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.connections.internal.ConnectionMessage.ControlRequest;
import org.stoa.db.ModuleSchema;

/**
 * A drop or force-reload across the cluster, as a command runs it: ask every node, then follow
 * their reports until each node that was alive when asked is done (or stops answering).
 */
@Component(service = ConnectionControl.class)
public class ConnectionControl {

    /** Where the nodes have got to. {@code silent}: live nodes that never answered. */
    public record Progress(List<NodeReport> reports, Set<String> silent) {
        public int reached() {
            return reports.stream().mapToInt(NodeReport::reached).sum();
        }

        public int total() {
            return reports.stream().mapToInt(NodeReport::total).sum();
        }
    }

    /** The longest wait between two sockets an operator may ask for. */
    public static final int MAX_INTERVAL_MILLIS = 60_000;

    /** How long a node may go without a new report before the command stops waiting for it. */
    private static final long PATIENCE_NANOS = 15_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionControl.class);

    private final ClusterRepository repository = new ClusterRepository();
    private final DataSource database;
    private final NodeCounts node;
    private final ClusterBus bus;

    @Activate
    public ConnectionControl(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema,
            @Reference NodeCounts node, @Reference ClusterBus bus) {
        this.database = schema.dataSource();
        this.node = node;
        this.bus = bus;
    }

    /**
     * @param action   "drop" or "reload"
     * @param filters  globs over labels; none means every label
     * @param progress called about every half second while nodes work, with their reports so far
     * @throws IllegalArgumentException for a filter that is no glob over labels or an interval out of range,
     *                                  before any node is asked
     */
    public Progress run(String action, List<String> filters, int intervalMillis, Consumer<Progress> progress)
            throws SQLException, InterruptedException {
        if (intervalMillis < 0 || intervalMillis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("--interval: milliseconds between 0 and " + MAX_INTERVAL_MILLIS
                    + ", not '" + intervalMillis + "'");
        }
        for (String filter : filters) {
            if (filter.isBlank() || filter.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "invalid filter '" + filter + "': a glob over labels such as 411b261.* or *.production");
            }
            // Each node compiles the filters itself; one it cannot compile would leave every node silent and
            // the command waiting for them, so it is refused here, before any node is asked.
            Glob.compile(filter);
        }
        if (filters.isEmpty()) {
            filters = List.of("*");
        }
        Set<String> nodes = node.liveNodes();
        UUID request = request(action, filters, intervalMillis);
        long lastChange = System.nanoTime();
        List<NodeReport> last = List.of();
        while (true) {
            Thread.sleep(100);
            List<NodeReport> reports = reports(request);
            Set<String> waiting = new TreeSet<>(nodes);
            reports.stream().filter(NodeReport::done).map(NodeReport::node)
                    .forEach(waiting::remove);
            if (!reports.equals(last)) {
                lastChange = System.nanoTime();
                last = reports;
                if (!waiting.isEmpty()) {
                    progress.accept(new Progress(reports, Set.of()));
                }
            }
            if (waiting.isEmpty() || System.nanoTime() - lastChange > PATIENCE_NANOS) {
                Set<String> silent = new TreeSet<>(waiting);
                reports.forEach(r -> silent.remove(r.node()));
                return new Progress(reports, silent);
            }
        }
    }

    /** Asks every node to drop or reload its sockets whose label matches; returns the request's id. */
    private UUID request(String action, List<String> filters, int intervalMillis) throws SQLException {
        UUID request = UUID.randomUUID();
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(true);
            // Replayed: a node cut off from the database right now still drops or reloads once it is back.
            bus.publishReplayed(c, ConnectionMessage.TOPIC, new ControlRequest(request, action, filters, intervalMillis));
        }
        // A drop or reload of the whole cluster leaves a trace, with its time, in the log of the node
        // that asked — once the request is out, so a request that failed is not logged as made.
        LOG.info("connections: {} requested for labels {} every {} ms (request {})", action, filters, intervalMillis,
                request);
        return request;
    }

    private List<NodeReport> reports(UUID request) throws SQLException {
        try (Connection c = database.getConnection()) {
            return repository.reports(c, request);
        }
    }
}
