package org.stoa.vm.hub.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.ModuleSchema;

/**
 * Makes this process the hub only while it holds the {@link HubLock}: the {@link VmHub}
 * service is published once the lock is taken and withdrawn if it is lost. While another
 * hub holds it, this one says who and keeps trying, so it takes over when that hub dies.
 */
@Component(immediate = true, configurationPid = "org.stoa.hub")
@Designate(ocd = HubConfiguration.class)
public final class HubRole {

    private static final Logger LOG = LoggerFactory.getLogger(HubRole.class);

    private final BundleContext context;
    private final HubLock lock;
    private final VmHub hub;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "stoa-hub-lock"));
    private ServiceRegistration<VmHub> registration;
    private String lastRefusal;

    @Activate
    public HubRole(BundleContext context, HubConfiguration config,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-vm-hub)") ModuleSchema schema) {
        this.context = context;
        this.lock = new HubLock(schema.dataSource(), HubLock.thisProcess());
        this.hub = new VmHubImpl(schema.dataSource(), Duration.ofSeconds(config.heartbeatWindowSeconds()));
        // STOA_HUB_ENABLED reaches enabled through the shipped etc/org.stoa.hub.cfg.
        if (config.enabled()) {
            checks.scheduleWithFixedDelay(this::check, 0, config.lockCheckSeconds(), TimeUnit.SECONDS);
        } else {
            LOG.info("the VM hub role is disabled on this node (org.stoa.hub enabled / STOA_HUB_ENABLED)");
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        checks.shutdownNow();
        checks.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (this) {
            if (registration != null) {
                registration.unregister();
                registration = null;
                // a clean stop hands the lock back: no warning, the next hub takes over at once
                LOG.info("this process stopped acting as the VM hub: it is stopping");
            }
            try {
                lock.release();
            } catch (SQLException e) {
                LOG.warn("could not release the hub lock cleanly (it is freed with the session): {}", e.getMessage());
            }
        }
    }

    private synchronized void check() {
        try {
            HubLock.Attempt attempt = lock.tryAcquire();
            if (attempt.acquired()) {
                publish();
            } else {
                withdraw();
                refused(attempt.holder());
            }
        } catch (SQLException e) {
            withdraw();
            refused("unknown: the database is unreachable (" + e.getMessage() + ")");
        }
    }

    private void publish() {
        if (registration == null) {
            registration = context.registerService(VmHub.class, hub, null);
            lastRefusal = null;
            LOG.info("this process is the VM hub");
        }
    }

    private void withdraw() {
        if (registration != null) {
            registration.unregister();
            registration = null;
            LOG.warn("this process lost the hub lock and stopped acting as the VM hub");
        }
    }

    /** Logs a refusal once per holder, not once per retry. */
    private void refused(String holder) {
        if (!holder.equals(lastRefusal)) {
            lastRefusal = holder;
            LOG.warn("not starting the VM hub: the hub lock is held by {}", holder);
        }
    }
}
