package org.stoa.connections.internal;

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
        return MetricSnapshots.of(open.build(), failures.build(),
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
