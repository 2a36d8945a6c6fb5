package org.stoa.payments.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.ModuleSchema;
import org.stoa.payments.PaymentException;
import org.stoa.vm.hub.VmHosting;

/**
 * Runs {@link Billing} every {@code billingIntervalSeconds}, in the process that holds the hub
 * role only: it needs {@link VmHosting}, which exists there alone, so one node bills at a time.
 * Its runs and the notices still owed are series of {@code /metrics} (a {@link MultiCollector}).
 */
@Component(immediate = true, configurationPid = BillingSchedule.PID, service = MultiCollector.class)
@Designate(ocd = PaymentsConfiguration.class)
public final class BillingSchedule implements MultiCollector {

    public static final String PID = "org.stoa.payments";
    private static final Logger LOG = LoggerFactory.getLogger(BillingSchedule.class);
    /** The first run after start waits this long, at most, so a restarting hub settles first. */
    private static final long FIRST_RUN_SECONDS = 60;

    private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "stoa-billing"));
    private final Billing billing;
    private final LongAdder runsDone = new LongAdder();
    private final LongAdder runsFailed = new LongAdder();
    /** When the last run ended, in seconds since the epoch; 0: none yet. */
    private volatile double lastRunSeconds;

    @Activate
    public BillingSchedule(PaymentsConfiguration config, @Reference VmHosting hosting,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-payments)") ModuleSchema schema,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-vm-hub)") ModuleSchema hubSchema) {
        PaymentSettings settings = PaymentSettings.of(config);
        Notices notices = settings.smtp().configured() ? new SmtpNotices(settings.smtp()) : new LoggedNotices();
        this.billing = new Billing(schema.dataSource(), Clock.systemUTC(), hosting::destroy, notices,
                settings.deletionThreshold());
        long interval = settings.billingInterval().toSeconds();
        if (interval <= 0) {
            LOG.info("billing is off (org.stoa.payments billingIntervalSeconds = 0)");
            return;
        }
        LOG.info("billing on this hub: {}", settings);
        runs.scheduleWithFixedDelay(this::runOnce, Math.min(FIRST_RUN_SECONDS, interval), interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        runs.shutdownNow();
        runs.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void runOnce() {
        try {
            Billing.Report report = billing.run();
            if (report.noticesQueued() + report.deletedVms().size() + report.noticesDelivered() > 0) {
                LOG.info("billing run: {} notices decided, {} delivered, VMs deleted: {}", report.noticesQueued(),
                        report.noticesDelivered(), report.deletedVms());
            }
        } catch (PaymentException | RuntimeException e) {
            // A failed run is retried whole at the next interval; nothing it decided is lost or repeated.
            runsFailed.increment();
            LOG.warn("billing run failed: {}", e.getMessage());
        } finally {
            runsDone.increment();
            lastRunSeconds = System.currentTimeMillis() / 1000.0;
        }
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder series = MetricSnapshots.builder()
                .metricSnapshot(counter("stoa_billing_runs", "Billing runs on this hub since it started", runsDone))
                .metricSnapshot(counter("stoa_billing_runs_failed", "Billing runs that failed (retried at the next)", runsFailed))
                .metricSnapshot(gauge("stoa_billing_last_run_timestamp_seconds",
                        "When the last billing run ended (seconds since the epoch); 0 before the first", lastRunSeconds));
        try {
            series.metricSnapshot(gauge("stoa_billing_notices_pending", "Billing notices decided and not delivered yet",
                    billing.noticesPending()));
        } catch (PaymentException e) {
            // The database does not answer: the series is absent from this scrape.
        }
        return series.build();
    }

    private static CounterSnapshot counter(String name, String help, LongAdder value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.EMPTY).value(value.sum()).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.EMPTY).value(value).build()).build();
    }
}
