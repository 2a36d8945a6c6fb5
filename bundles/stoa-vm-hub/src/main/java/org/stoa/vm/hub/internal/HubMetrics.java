package org.stoa.vm.hub.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Vm;

/**
 * The hub's VMs by state and spoke, and each spoke's heartbeat, for {@code /metrics}. Only the
 * process holding the hub lock has a {@link VmHub}, so only the hub reports them (once, not once
 * per node). A database that does not answer gives no series.
 */
@Component(service = MultiCollector.class)
public class HubMetrics implements MultiCollector {

    private final VmHub hub;

    @Activate
    public HubMetrics(@Reference VmHub hub) {
        this.hub = hub;
    }

    @Override
    public MetricSnapshots collect() {
        try {
            // One read of the spokes serves both of their series.
            List<Host> hosts = hub.hosts();
            return MetricSnapshots.of(vms(), heartbeats(hosts), online(hosts));
        } catch (HubException e) {
            return MetricSnapshots.builder().build();
        }
    }

    private GaugeSnapshot vms() throws HubException {
        Map<Labels, Integer> counts = new TreeMap<>();
        for (Vm vm : hub.allVms()) {
            counts.merge(Labels.of("spoke", vm.host(), "state", vm.state().dbName()), 1, Integer::sum);
        }
        GaugeSnapshot.Builder vms = GaugeSnapshot.builder().name("stoa_vms")
                .help("VMs not deleted, by spoke and state");
        counts.forEach((labels, n) -> vms.dataPoint(point(labels, n)));
        return vms.build();
    }

    private static GaugeSnapshot heartbeats(List<Host> hosts) {
        GaugeSnapshot.Builder age = GaugeSnapshot.builder().name("stoa_spoke_heartbeat_age_seconds")
                .help("Seconds since the spoke's last heartbeat (absent for a spoke never heard from)");
        Instant now = Instant.now();
        for (Host host : hosts) {
            if (host.lastHealthCheck() != null) {
                age.dataPoint(point(Labels.of("spoke", host.id()),
                        Duration.between(host.lastHealthCheck(), now).toMillis() / 1000.0));
            }
        }
        return age.build();
    }

    private static GaugeSnapshot online(List<Host> hosts) {
        GaugeSnapshot.Builder online = GaugeSnapshot.builder().name("stoa_spoke_online")
                .help("1 while the spoke's last heartbeat is within the heartbeat window, else 0");
        for (Host host : hosts) {
            online.dataPoint(point(Labels.of("spoke", host.id()), host.online() ? 1 : 0));
        }
        return online.build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
