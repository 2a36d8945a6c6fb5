package org.stoa.metrics.internal;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The stoa DataSource's HikariCP pool: connections in use, idle, the most it may open, and
 * threads waiting for one (a pool too small for the load shows here first).
 */
@Component(service = MultiCollector.class)
public class PoolMetrics implements MultiCollector {

    private static final Labels POOL = Labels.of("pool", "stoa");

    @Reference(target = "(dataSourceName=stoa)")
    private DataSource dataSource;

    @Override
    public MetricSnapshots collect() {
        HikariDataSource hikari;
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return MetricSnapshots.builder().build();
            }
            hikari = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException | NoClassDefFoundError e) {
            return MetricSnapshots.builder().build();
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        if (pool == null) {
            return MetricSnapshots.builder().build();
        }
        return MetricSnapshots.of(
                gauge("stoa_db_pool_active", "Connections of the pool in use", pool.getActiveConnections()),
                gauge("stoa_db_pool_idle", "Connections of the pool open and idle", pool.getIdleConnections()),
                gauge("stoa_db_pool_pending", "Threads waiting for a connection of the pool",
                        pool.getThreadsAwaitingConnection()),
                gauge("stoa_db_pool_max", "Connections the pool may open at most", hikari.getMaximumPoolSize()));
    }

    private static io.prometheus.metrics.model.snapshots.GaugeSnapshot gauge(String name, String help, double value) {
        return SchemaMetrics.gauge(name, help).dataPoint(SchemaMetrics.point(POOL, value)).build();
    }
}
