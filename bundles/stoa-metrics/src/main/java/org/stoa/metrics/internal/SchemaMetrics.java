package org.stoa.metrics.internal;

import java.util.List;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.Migrations;
import org.stoa.db.ModuleStatus;

/**
 * Each module's migrations as /health judges them: applied, pending, and 1 when the schema is
 * current (nothing pending, nothing refused). A database that does not answer gives no series,
 * which Prometheus reports as absent.
 */
@Component(service = MultiCollector.class)
public class SchemaMetrics implements MultiCollector {

    @Reference
    private Migrations migrations;

    @Override
    public MetricSnapshots collect() {
        List<ModuleStatus> modules;
        try {
            modules = migrations.status();
        } catch (DatabaseUnavailableException e) {
            return MetricSnapshots.builder().build();
        }
        GaugeSnapshot.Builder applied = gauge("stoa_migrations_applied", "Migrations of the module applied to the database");
        GaugeSnapshot.Builder pending = gauge("stoa_migrations_pending", "Migrations of the module not yet applied");
        GaugeSnapshot.Builder current = gauge("stoa_schema_current",
                "1 when the module's schema is current (nothing pending, nothing refused), else 0");
        for (ModuleStatus module : modules) {
            Labels labels = Labels.of("module", module.module());
            long pendingCount = module.pending();
            applied.dataPoint(point(labels, module.migrations().size() - pendingCount));
            pending.dataPoint(point(labels, pendingCount));
            current.dataPoint(point(labels, pendingCount == 0 && module.problem().isEmpty() ? 1 : 0));
        }
        return MetricSnapshots.of(applied.build(), pending.build(), current.build());
    }

    static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
