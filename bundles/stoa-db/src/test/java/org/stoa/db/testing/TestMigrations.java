package org.stoa.db.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

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
        migrate(url, module, Path.of("src", "main", "resources").toAbsolutePath(), migrations);
        return url;
    }

    /**
     * Applies {@code module}'s migrations, the folder {@code migrations} under {@code root}, to the
     * database at {@code url}: for a plugin whose schema builds on another module's, that module first.
     */
    public static void migrate(String url, String module, Path root, String migrations) throws Exception {
        SchemaMigrator migrator = new SchemaMigrator(new MigrationDeclaration(module, migrations), new FolderFiles(root));
        try (Connection c = TestPostgres.connect(url)) {
            migrator.migrate(c);
        }
    }

    /** Where the module holding {@code type} keeps its resources: its classes folder, or its jar's root. */
    public static Path resourcesOf(Class<?> type) throws IOException, URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return location;
        }
        // By URI, so every fixture shares the jar's one file system instead of opening another each time.
        URI jar = URI.create("jar:" + location.toUri());
        try {
            return FileSystems.newFileSystem(jar, Map.of()).getPath("/");
        } catch (FileSystemAlreadyExistsException opened) {
            return FileSystems.getFileSystem(jar).getPath("/");
        }
    }
}
