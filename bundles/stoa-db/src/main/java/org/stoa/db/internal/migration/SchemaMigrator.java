package org.stoa.db.internal.migration;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.ShouldRunChangeSetFilter;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.changelog.visitor.UpdateVisitor;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.ui.LoggerUIService;
import org.stoa.db.MigrationStatus;
import org.stoa.db.ModuleStatus;

/**
 * Brings one module's schema up to date with Liquibase, or says why it will not: a database
 * that holds migrations of this module the code does not know was written by a newer release
 * and is refused; a migration whose file changed after it was applied is refused naming the
 * file. Each migration runs in its own transaction under a database-wide lock that ends with its
 * session ({@link MigrationLock}), so nodes that start together migrate once and a node killed
 * mid-migration blocks no later start.
 */
public final class SchemaMigrator {

    private static final Pattern FAILED_SQL = Pattern.compile("\\[Failed SQL: \\(-?\\d+\\) (.*)\\]\\s*$",
            Pattern.DOTALL);

    private static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::");

    private final MigrationDeclaration declaration;
    private final ModuleFiles files;

    public SchemaMigrator(MigrationDeclaration declaration, ModuleFiles files) {
        this.declaration = declaration;
        this.files = files;
    }

    public String module() {
        return declaration.module();
    }

    public MigrationDeclaration declaration() {
        return declaration;
    }

    /** What the code holds and what the database holds, without changing anything. */
    public ModuleStatus status(Connection connection) throws SQLException {
        try {
            return inLiquibaseScope(() -> {
                Database database = database(connection);
                DatabaseChangeLog changeLog = ModuleChangeLog.load(declaration, files, database);
                List<RanChangeSet> ran = HistoryTable.read(connection);
                return compare(changeLog, ran, verify(changeLog, ran));
            });
        } catch (MigrationException | IOException e) {
            return new ModuleStatus(module(), List.of(), List.of(), Optional.of(e.getMessage()));
        } catch (LiquibaseException e) {
            return new ModuleStatus(module(), List.of(), List.of(),
                    Optional.of(module() + ": " + ModuleChangeLog.firstLine(e.getMessage())));
        }
    }

    /**
     * What a successful run leaves behind.
     *
     * @param applied ids of the migrations applied by this run, in order
     * @param version id of the newest migration, now applied; empty when the module has none
     */
    public record Migrated(List<String> applied, String version) {
    }

    /** Applies the pending migrations; afterwards every migration the code knows is applied. */
    public Migrated migrate(Connection connection) throws MigrationException, SQLException {
        try (MigrationLock held = MigrationLock.take(connection, module())) {
            return migrateHoldingLock(connection);
        }
    }

    private Migrated migrateHoldingLock(Connection connection) throws MigrationException, SQLException {
        try {
            return inLiquibaseScope(() -> {
                Database database = database(connection);
                DatabaseChangeLog changeLog = ModuleChangeLog.load(declaration, files, database);
                LockService lock = LockServiceFactory.getInstance().getLockService(database);
                lock.waitForLock();
                try {
                    ChangeLogHistoryService history = ChangeLogHistoryServiceFactory.getInstance()
                            .getChangeLogService(database);
                    history.init();
                    Optional<String> problem = verify(changeLog, history.getRanChangeSets());
                    if (problem.isPresent()) {
                        throw new MigrationException(problem.get());
                    }
                    history.generateDeploymentId();
                    AppliedChangeSets applied = new AppliedChangeSets();
                    ChangeLogIterator pending = new ChangeLogIterator(changeLog, new ShouldRunChangeSetFilter(database));
                    try {
                        pending.run(new UpdateVisitor(database, applied),
                                new RuntimeEnvironment(database, new Contexts(), new LabelExpression()));
                    } catch (LiquibaseException e) {
                        MigrationFailedException failed = migrationFailure(e);
                        if (failed == null) {
                            throw e;
                        }
                        throw new MigrationException(describeFailure(failed), e);
                    }
                    List<ChangeSet> all = changeLog.getChangeSets();
                    return new Migrated(applied.ids, all.isEmpty() ? "" : all.get(all.size() - 1).getId());
                } finally {
                    lock.releaseLock();
                    // Liquibase caches history and lock state per Database object; ours are throwaway.
                    ChangeLogHistoryServiceFactory.getInstance().resetAll();
                    LockServiceFactory.getInstance().resetAll();
                }
            });
        } catch (IOException e) {
            throw new MigrationException(module() + ": migrations cannot be read: " + e.getMessage(), e);
        } catch (LiquibaseException e) {
            throw new MigrationException(module() + ": " + ModuleChangeLog.firstLine(e.getMessage()), e);
        }
    }

    private Optional<String> verify(DatabaseChangeLog changeLog, List<RanChangeSet> ran) {
        List<String> unknown = unknown(changeLog, ran);
        if (!unknown.isEmpty()) {
            return Optional.of(module() + ": schema downgrades are not supported: the database holds "
                    + "migrations this version does not know (" + String.join(", ", unknown)
                    + "); a newer release has run against it");
        }
        Map<String, RanChangeSet> byKey = byKey(ran);
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            RanChangeSet applied = byKey.get(key(changeSet));
            if (applied != null && applied.getLastCheckSum() != null
                    && !changeSet.isCheckSumValid(applied.getLastCheckSum())) {
                return Optional.of(module() + ": migration file " + changeSet.getFilePath()
                        + " (" + changeSet.getId() + ") was changed after it was applied; released migrations "
                        + "must never be edited — restore the file and add a new migration instead");
            }
        }
        return Optional.empty();
    }

    private ModuleStatus compare(DatabaseChangeLog changeLog, List<RanChangeSet> ran, Optional<String> problem) {
        Map<String, RanChangeSet> byKey = byKey(ran);
        List<MigrationStatus> migrations = new ArrayList<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            RanChangeSet applied = byKey.get(key(changeSet));
            migrations.add(new MigrationStatus(changeSet.getId(), changeSet.getFilePath(), applied != null,
                    applied == null || applied.getDateExecuted() == null ? null
                            : OffsetDateTime.ofInstant(applied.getDateExecuted().toInstant(), ZoneId.systemDefault())));
        }
        return new ModuleStatus(module(), migrations, unknown(changeLog, ran), problem);
    }

    /** Ids this module's history holds that its code does not. */
    private List<String> unknown(DatabaseChangeLog changeLog, List<RanChangeSet> ran) {
        Map<String, ChangeSet> known = new HashMap<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            known.put(key(changeSet), changeSet);
        }
        String prefix = declaration.module() + "/";
        List<String> unknown = new ArrayList<>();
        for (RanChangeSet r : ran) {
            if (normalise(r.getChangeLog()).startsWith(prefix) && !known.containsKey(key(r))) {
                unknown.add(r.getId());
            }
        }
        return unknown;
    }

    private static Map<String, RanChangeSet> byKey(List<RanChangeSet> ran) {
        Map<String, RanChangeSet> map = new HashMap<>();
        for (RanChangeSet r : ran) {
            map.put(key(r), r);
        }
        return map;
    }

    private static String key(ChangeSet c) {
        return c.getId() + "::" + c.getAuthor() + "::" + normalise(c.getFilePath());
    }

    private static String key(RanChangeSet r) {
        return r.getId() + "::" + r.getAuthor() + "::" + normalise(r.getChangeLog());
    }

    private static String normalise(String path) {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.startsWith("classpath:") ? p.substring("classpath:".length()) : p;
    }

    /** The iterator wraps a change set's failure; dig it out. */
    private static MigrationFailedException migrationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MigrationFailedException failed) {
                return failed;
            }
        }
        return null;
    }

    private String describeFailure(MigrationFailedException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        Matcher changeSet = FAILED_CHANGESET.matcher(reason);
        String file = changeSet.find() ? changeSet.group(1) : null;
        String statement = "";
        Matcher m = FAILED_SQL.matcher(reason);
        if (m.find()) {
            statement = m.group(1).replaceAll("\\s+", " ").strip();
            reason = reason.substring(0, m.start());
        }
        int cause = reason.indexOf("Reason: ");
        if (cause >= 0) {
            reason = reason.substring(cause + "Reason: ".length());
        }
        reason = ModuleChangeLog.firstLine(reason.replaceFirst("^liquibase\\.exception\\.DatabaseException: ", ""));
        String where = file == null ? module() : file;
        return "migration " + where + " failed and was rolled back: " + reason
                + (statement.isEmpty() ? "" : " — in statement: " + abbreviate(statement, 300));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Stoa runs on PostgreSQL only; naming it skips Liquibase's driver probing. */
    private static Database database(Connection connection) {
        PostgresDatabase database = new PostgresDatabase();
        database.setConnection(new JdbcConnection(connection));
        return database;
    }

    private interface LiquibaseWork<T> {
        T run() throws Exception;
    }

    /**
     * Liquibase finds its plugins through the scope's class loader, and builds a thread's root
     * scope from the context class loader on first use: in OSGi both must be Liquibase's own.
     */
    private static <T> T inLiquibaseScope(LiquibaseWork<T> work)
            throws MigrationException, SQLException, IOException, LiquibaseException {
        ClassLoader liquibase = Scope.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(liquibase);
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.classLoader.name(), liquibase);
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        // Liquibase's default UI prints to standard output, which is the operator's console in Karaf.
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        try {
            return Scope.child(scope, work::run);
        } catch (MigrationException | SQLException | IOException | LiquibaseException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Collects the ids of the change sets that ran. */
    private static final class AppliedChangeSets extends AbstractChangeExecListener {
        final List<String> ids = new ArrayList<>();

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database,
                ChangeSet.ExecType execType) {
            ids.add(changeSet.getId());
        }
    }
}
