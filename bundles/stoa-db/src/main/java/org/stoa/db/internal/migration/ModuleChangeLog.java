package org.stoa.db.internal.migration;

import java.io.IOException;
import java.util.List;

import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import org.stoa.db.internal.migration.NumberedSqlFolder.NumberedMigration;
import org.stoa.db.internal.sql.ScriptStatement;
import org.stoa.db.internal.sql.SqlScript;

/** Turns a module's declared migrations into the Liquibase changelog that applies them. */
final class ModuleChangeLog {

    static final String NUMBERED_AUTHOR = "stoa";

    private ModuleChangeLog() {
    }

    static DatabaseChangeLog load(MigrationDeclaration declaration, ModuleFiles files, Database database)
            throws MigrationException, IOException {
        return declaration.isChangelogFile()
                ? parse(declaration, files, database)
                : fromNumberedFolder(declaration, files);
    }

    /** Logical path of a module file as Liquibase records it: {@code <module>/<path>}. */
    static String logicalPath(MigrationDeclaration declaration, String pathInModule) {
        return declaration.module() + "/" + pathInModule;
    }

    private static DatabaseChangeLog parse(MigrationDeclaration declaration, ModuleFiles files, Database database)
            throws MigrationException {
        String path = logicalPath(declaration, declaration.path());
        ModuleResourceAccessor accessor = new ModuleResourceAccessor(declaration.module(), files);
        try {
            ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(path, accessor);
            return parser.parse(path, new ChangeLogParameters(database), accessor);
        } catch (LiquibaseException e) {
            throw new MigrationException("changelog " + path + " cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    private static DatabaseChangeLog fromNumberedFolder(MigrationDeclaration declaration, ModuleFiles files)
            throws MigrationException, IOException {
        DatabaseChangeLog changeLog = new DatabaseChangeLog(logicalPath(declaration, declaration.path()));
        for (NumberedMigration m : NumberedSqlFolder.read(files, declaration.path())) {
            String file = logicalPath(declaration, declaration.path() + "/" + m.upFile());
            ChangeSet changeSet = new ChangeSet(m.id(), NUMBERED_AUTHOR, false, false, file, null, null, true,
                    changeLog);
            // One change per statement, so a failure names the statement rather than the whole file.
            for (String statement : statements(m.upSql())) {
                changeSet.addChange(rawSql(statement));
            }
            if (m.downSql().isPresent()) {
                for (String statement : statements(m.downSql().get())) {
                    changeSet.addRollbackChange(rawSql(statement));
                }
            }
            changeLog.addChangeSet(changeSet);
        }
        return changeLog;
    }

    private static List<String> statements(String sql) {
        return SqlScript.split(sql).stream().map(ScriptStatement::sql).toList();
    }

    private static RawSQLChange rawSql(String statement) {
        RawSQLChange change = new RawSQLChange(statement);
        change.setSplitStatements(false);
        change.setStripComments(false);
        return change;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
