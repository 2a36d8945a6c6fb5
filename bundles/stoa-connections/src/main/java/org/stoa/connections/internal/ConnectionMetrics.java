package org.stoa.connections.internal;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * This node's sockets and traffic for {@code /metrics} (stoa-metrics collects every
 * {@link MultiCollector} service). The sockets are counted when Prometheus asks, so opening
 * and closing one costs nothing extra; the message counters are adders bumped per message.
 */
@Component(service = MultiCollector.class)
public class ConnectionMetrics implements MultiCollector {

    private final LiveSockets sockets;
    private final NodeCounts counts;

    @Activate
    public ConnectionMetrics(@Reference LiveSockets sockets, @Reference NodeCounts counts) {
        this.sockets = sockets;
        this.counts = counts;
    }

    @Override
    public MetricSnapshots collect() {
        String label = counts.identity().label();
        Map<String, Integer> perWorld = new TreeMap<>();
        for (Socket socket : sockets.all()) {
            perWorld.merge(socket.worldId(), 1, Integer::sum);
        }
        GaugeSnapshot.Builder open = GaugeSnapshot.builder().name("stoa_connections_open")
                .help("WebSocket connections open on this node, by world and connection label");
        perWorld.forEach((world, n) -> open.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("label", label, "world", world)).value(n).build()));
        CounterSnapshot.Builder failures = CounterSnapshot.builder().name("stoa_authentication_failures")
                .help("Failed WebSocket authentications on this node, by error code");
        new TreeMap<>(sockets.authenticationFailures).forEach((code, n) -> failures.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("code", code)).value(n.sum()).build()));
        GaugeSnapshot.Builder cluster = GaugeSnapshot.builder().name("stoa_cluster_connections")
                .help("Connections of every live node by node and label, as each last reported them "
                        + "(what connections list sums; read from the database at each scrape)");
        try {
            for (ClusterRepository.NodeCount n : counts.countsByNode()) {
                cluster.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("label", n.label(), "node", n.node())).value(n.connections()).build());
            }
        } catch (SQLException | RuntimeException e) {
            // The database is down: this node's own series still answer; /health says why.
        }
        return MetricSnapshots.of(open.build(), failures.build(), cluster.build(),
                counter("stoa_authentications", "Successful WebSocket authentications on this node", sockets.authentications),
                counter("stoa_websocket_messages_received", "WebSocket messages received from clients on this node",
                        sockets.messagesIn),
                counter("stoa_websocket_messages_sent", "WebSocket messages sent to clients on this node",
                        sockets.messagesOut));
    }

    private static CounterSnapshot counter(String name, String help, LongAdder value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value.sum()).build()).build();
    }
}
