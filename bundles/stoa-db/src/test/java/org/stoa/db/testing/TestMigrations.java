package org.stoa.db.testing;

import java.nio.file.Path;
import java.sql.Connection;

import org.stoa.db.internal.migration.MigrationDeclaration;
import org.stoa.db.internal.migration.SchemaMigrator;

/**
 * Applies a module's own migrations to a test database with the real migrator, so a
 * plugin's repository tests run against exactly the schema the distribution builds.
 */
public final class TestMigrations {

    private TestMigrations() {
    }

    /**
     * A new database holding {@code module}'s schema, migrated from the folder
     * {@code migrations} under {@code src/main/resources}; returns its JDBC URL.
     */
    public static String newDatabaseWith(String module, String migrations) throws Exception {
        String url = TestPostgres.newDatabase();
        SchemaMigrator migrator = new SchemaMigrator(new MigrationDeclaration(module, migrations),
                new FolderFiles(Path.of("src", "main", "resources").toAbsolutePath()));
        try (Connection c = TestPostgres.connect(url)) {
            migrator.migrate(c);
        }
        return url;
    }
}
