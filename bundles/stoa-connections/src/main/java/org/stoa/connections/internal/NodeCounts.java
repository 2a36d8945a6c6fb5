package org.stoa.connections.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.shell.ShellVariable;

/**
 * This node in the cluster's counts: who it is, its open sockets written to the database every
 * few seconds (a node whose rows stop being rewritten has died and ages out), the sums over the
 * live nodes, and the sweep of what dead nodes left behind.
 */
@Component(service = NodeCounts.class, configurationPid = ConnectionsConfiguration.PID, property = {
        ShellVariable.NAME + "=connections", ShellVariable.EXAMPLE + "=$connections counts"})
@Designate(ocd = ConnectionsConfiguration.class)
public class NodeCounts {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCounts.class);

    private final ClusterRepository repository = new ClusterRepository();
    private final DataSource database;
    private final LiveSockets sockets;
    private final NodeIdentity identity;
    private final int staleSeconds;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("stoa-connections-report"));

    @Activate
    public NodeCounts(BundleContext context, ConnectionsConfiguration config,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema,
            @Reference LiveSockets sockets) {
        this.database = schema.dataSource();
        this.sockets = sockets;
        this.identity = NodeIdentity.of(context.getBundle(), config);
        this.staleSeconds = config.staleAfterSeconds();
        quietly("forget an earlier life of this node", c -> repository.forgetNode(c, identity.id()));
        report();
        reporter.scheduleWithFixedDelay(this::report, config.reportSeconds(), config.reportSeconds(), TimeUnit.SECONDS);
        reporter.scheduleWithFixedDelay(() -> quietly("sweep", c -> repository.sweep(c, staleSeconds)),
                0, 60, TimeUnit.SECONDS);
        LOG.info("connections node {} with label {}", identity.id(), identity.label());
    }

    @Deactivate
    void stop() {
        reporter.shutdownNow();
        // Karaf interrupts the thread stopping us when it shuts down: still withdraw our counts
        boolean interrupted = Thread.interrupted();
        quietly("remove this node's counts", c -> repository.forgetNode(c, identity.id()));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    NodeIdentity identity() {
        return identity;
    }

    /** Label → connections over every live node. */
    public Map<String, Long> counts() throws SQLException {
        try (Connection c = database.getConnection()) {
            return repository.counts(c, staleSeconds);
        }
    }

    /** Each live node's connections per label (what {@link #counts()} sums). */
    List<ClusterRepository.NodeCount> countsByNode() throws SQLException {
        try (Connection c = database.getConnection()) {
            return repository.countsByNode(c, staleSeconds);
        }
    }

    /** The ids of the nodes that reported recently, this one included once it has. */
    Set<String> liveNodes() {
        try (Connection c = database.getConnection()) {
            return repository.liveNodes(c, staleSeconds);
        } catch (SQLException e) {
            throw new IllegalStateException(Transactions.message(e), e);
        }
    }

    int staleSeconds() {
        return staleSeconds;
    }

    private void report() {
        quietly("report this node's connections",
                c -> repository.reportCount(c, identity.id(), identity.label(), sockets.count()));
    }

    private void quietly(String what, BackgroundWork.Work work) {
        BackgroundWork.run(database, LOG, what, work);
    }
}
