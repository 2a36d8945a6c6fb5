package org.stoa.connections.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A drop or force-reload across the cluster, as a command runs it: ask every node, then follow
 * their reports until each node that was alive when asked is done (or stops answering).
 */
public final class ConnectionControl {

    /** Where the nodes have got to. {@code silent}: live nodes that never answered. */
    public record Progress(List<NodeReport> reports, Set<String> silent) {
        public int reached() {
            return reports.stream().mapToInt(NodeReport::reached).sum();
        }

        public int total() {
            return reports.stream().mapToInt(NodeReport::total).sum();
        }
    }

    /** How long a node may go without a new report before the command stops waiting for it. */
    private static final long PATIENCE_NANOS = 15_000_000_000L;

    private final Cluster cluster;

    public ConnectionControl(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * @param action   "drop" or "reload"
     * @param progress called about every half second while nodes work, with their reports so far
     */
    public Progress run(String action, List<String> filters, int intervalMillis, Consumer<Progress> progress)
            throws SQLException, InterruptedException {
        Set<String> nodes = cluster.liveNodes();
        UUID request = cluster.requestControl(action, filters, intervalMillis);
        long lastChange = System.nanoTime();
        List<NodeReport> last = List.of();
        while (true) {
            Thread.sleep(100);
            List<NodeReport> reports = cluster.reports(request);
            Set<String> waiting = new java.util.TreeSet<>(nodes);
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
                Set<String> silent = new java.util.TreeSet<>(waiting);
                reports.forEach(r -> silent.remove(r.node()));
                return new Progress(reports, silent);
            }
        }
    }
}
