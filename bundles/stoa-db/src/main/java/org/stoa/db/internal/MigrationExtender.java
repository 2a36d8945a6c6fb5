package org.stoa.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.MigrationResult;
import org.stoa.db.Migrations;
import org.stoa.db.ModuleSchema;
import org.stoa.db.ModuleStatus;
import org.stoa.db.internal.migration.MigrationDeclaration;
import org.stoa.db.internal.migration.MigrationException;
import org.stoa.db.internal.migration.MigrationOrder;
import org.stoa.db.internal.migration.SchemaMigrator;

/**
 * The migration extender: every bundle whose manifest carries {@code Stoa-Migrations} is
 * migrated when it starts, and only then gets its {@link ModuleSchema} service, which its
 * components wait for. While the database is unreachable it retries with backoff. A module that
 * requires other modules' schemas ({@code Stoa-Migrations-Requires}) waits until they are current.
 */
@Component(service = Migrations.class, immediate = true)
public class MigrationExtender implements Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 60_000;

    @Reference
    private StoaDatabase database;


    private final Map<String, Module> modules = new ConcurrentHashMap<>();
    /** One thread: migrations never run concurrently within a node. */
    private ScheduledExecutorService worker;
    private BundleTracker<Module> tracker;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stoa-migrations");
            t.setDaemon(true);
            return t;
        });
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new Tracker());
        tracker.open();
        // A newly published DataSource ends any wait: modules still waiting migrate right away.
        database.whenPublished(this::retryWaitingModules);
    }

    private void retryWaitingModules() {
        ScheduledExecutorService w = worker;
        for (Module module : modules.values()) {
            w.execute(module::retryNowIfWaiting);
        }
    }

    @Deactivate
    void deactivate() {
        database.whenPublished(null);
        tracker.close();
        worker.shutdownNow();
        modules.values().forEach(Module::withdraw);
        modules.clear();
    }

    @Override
    public List<ModuleStatus> status() throws DatabaseUnavailableException {
        List<ModuleStatus> result = new ArrayList<>();
        try (Connection connection = database.connect()) {
            for (Module module : sorted()) {
                ModuleStatus status = module.migrator.status(connection);
                Optional<String> problem = Optional.ofNullable(module.problem).or(module::unmetRequirement);
                if (status.problem().isEmpty() && problem.isPresent()) {
                    status = new ModuleStatus(status.module(), status.migrations(), status.unknown(), problem);
                }
                result.add(status);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database unavailable: " + e.getMessage());
        }
        return result;
    }

    @Override
    public List<MigrationResult> migrate() throws DatabaseUnavailableException {
        Future<List<MigrationResult>> run = worker.submit(() -> {
            List<MigrationResult> results = new ArrayList<>();
            for (Module module : MigrationOrder.sort(sorted(), m -> m.migrator.declaration())) {
                results.add(module.migrateNow());
            }
            return results;
        });
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while migrating");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<Module> sorted() {
        List<Module> list = new ArrayList<>(modules.values());
        list.sort(Comparator.comparing(m -> m.migrator.module()));
        return list;
    }

    /** One module: its migrator, its published schema service, and why it has none. */
    private final class Module {
        final SchemaMigrator migrator;
        volatile ServiceRegistration<ModuleSchema> registration;
        volatile String problem;
        // Touched only on the worker thread.
        ScheduledFuture<?> retry;
        boolean waitingForDatabase;
        boolean waitingForModules;
        long retryDelayMs = FIRST_RETRY_MS;

        Module(Bundle bundle, MigrationDeclaration declaration) {
            this.migrator = new SchemaMigrator(declaration, new BundleFiles(bundle));
        }

        /**
         * The start-up path: migrate now if there is a database; with none published yet, wait
         * for one quietly; with one that does not answer, retry with backoff.
         */
        void migrateInBackground() {
            retry = null;
            if (unmetRequirement().isPresent()) {
                // Migrated when the modules it requires publish their schemas.
                waitingForModules = true;
                return;
            }
            if (!database.published()) {
                waitingForDatabase = true;
                return;
            }
            try {
                migrateNow();
            } catch (DatabaseUnavailableException e) {
                LOG.warn("{}: {}; retrying its migrations in {} s", migrator.module(), e.getMessage(),
                        retryDelayMs / 1000);
                retry = worker.schedule(this::migrateInBackground, retryDelayMs, TimeUnit.MILLISECONDS);
                retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
            }
        }

        /** A database was just published: a module waiting for one, or between retries, goes now. */
        void retryNowIfWaiting() {
            boolean betweenRetries = retry != null && retry.cancel(false);
            if (waitingForDatabase || betweenRetries) {
                waitingForDatabase = false;
                retryDelayMs = FIRST_RETRY_MS;
                migrateInBackground();
            }
        }

        /** Why this module cannot be migrated yet: a module it requires has no current schema. */
        Optional<String> unmetRequirement() {
            return migrator.declaration().requires().stream()
                    .filter(r -> modules.get(r) == null || modules.get(r).registration == null).findFirst()
                    .map(r -> migrator.module() + ": waits for the schema of " + r
                            + (modules.containsKey(r) ? "" : ", which is not installed"));
        }

        /** This module's schema was just published: modules waiting for it go now. */
        void releaseDependents() {
            for (Module waiting : modules.values()) {
                if (waiting.waitingForModules && waiting.migrator.declaration().requires().contains(migrator.module())) {
                    waiting.waitingForModules = false;
                    worker.execute(waiting::migrateInBackground);
                }
            }
        }

        MigrationResult migrateNow() throws DatabaseUnavailableException {
            Optional<String> unmet = unmetRequirement();
            if (unmet.isPresent()) {
                waitingForModules = true;
                return new MigrationResult(migrator.module(), List.of(), unmet);
            }
            try (Connection connection = database.connect()) {
                SchemaMigrator.Migrated migrated = migrator.migrate(connection);
                List<String> applied = migrated.applied();
                problem = null;
                retryDelayMs = FIRST_RETRY_MS;
                if (!applied.isEmpty()) {
                    LOG.info("{}: applied migrations {}", migrator.module(), applied);
                }
                publish(migrated.version());
                return new MigrationResult(migrator.module(), applied, Optional.empty());
            } catch (MigrationException e) {
                if (!e.getMessage().equals(problem)) {
                    LOG.error("{}", e.getMessage());
                }
                problem = e.getMessage();
                withdraw();
                return new MigrationResult(migrator.module(), List.of(), Optional.of(e.getMessage()));
            } catch (SQLException e) {
                throw new DatabaseUnavailableException("database unavailable: " + e.getMessage());
            }
        }

        synchronized void publish(String version) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ModuleSchema.MODULE, migrator.module());
            properties.put("stoa.schema.version", version);
            if (registration != null && version.equals(registration.getReference().getProperty("stoa.schema.version"))) {
                return;
            }
            if (modules.get(migrator.module()) != this) {
                // its bundle stopped while it was migrating: nothing is left to use the schema
                return;
            }
            withdraw();
            registration = context.registerService(ModuleSchema.class,
                    new CurrentSchema(migrator.module(), version, database.dataSource()), properties);
            try {
                worker.execute(this::releaseDependents);
            } catch (RejectedExecutionException stopping) {
                // the extender is going away: nothing waits any more
            }
        }

        synchronized void withdraw() {
            if (retry != null) {
                retry.cancel(false);
            }
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregistered it when our bundle stopped
                }
                registration = null;
            }
        }
    }

    /** What a module's components get once its schema is current. */
    private record CurrentSchema(String module, String version, DataSource dataSource) implements ModuleSchema {
    }

    private final class Tracker implements BundleTrackerCustomizer<Module> {
        @Override
        public Module addingBundle(Bundle bundle, BundleEvent event) {
            String header = bundle.getHeaders().get(MigrationDeclaration.HEADER);
            if (header == null || header.isBlank()) {
                return null;
            }
            Module module = new Module(bundle, new MigrationDeclaration(bundle.getSymbolicName(), header,
                    MigrationDeclaration.requires(bundle.getHeaders().get(MigrationDeclaration.REQUIRES_HEADER))));
            modules.put(bundle.getSymbolicName(), module);
            worker.execute(module::migrateInBackground);
            return module;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Module module) {
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Module module) {
            modules.remove(bundle.getSymbolicName(), module);
            // Withdrawn here, on the thread stopping the module (or closing the tracker as we
            // stop), not on the worker: the module's components then stop while the stoa
            // DataSource is still there for their last writes, and no shutdownNow interrupts
            // the whiteboard unregistering their servlets half way.
            module.withdraw();
        }
    }
}
