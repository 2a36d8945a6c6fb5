package org.stoa.connections.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The NOTIFY messages this node published and received, per channel (one per topic), since it
 * started: one adder bump per message; turned into Prometheus counters only when scraped.
 */
final class ClusterTraffic {

    private final Map<String, LongAdder> published = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

    void published(String channel) {
        published.computeIfAbsent(channel, k -> new LongAdder()).increment();
    }

    void received(String channel) {
        received.computeIfAbsent(channel, k -> new LongAdder()).increment();
    }

    MetricSnapshots snapshots() {
        return MetricSnapshots.of(
                counter("stoa_cluster_messages_published", "Cluster messages (NOTIFY) this node published, by topic",
                        published),
                counter("stoa_cluster_messages_received",
                        "Cluster messages (NOTIFY) this node received for its receivers, by topic", received));
    }

    private static CounterSnapshot counter(String name, String help, Map<String, LongAdder> perTopic) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        new TreeMap<>(perTopic).forEach((topic, n) -> counter.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("topic", topic)).value(n.sum()).build()));
        return counter.build();
    }
}
