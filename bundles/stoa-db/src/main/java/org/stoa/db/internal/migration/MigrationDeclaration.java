package org.stoa.db.internal.migration;

import java.util.Arrays;
import java.util.List;

/**
 * A module's claim to migrations: the {@value #HEADER} manifest header names either a
 * folder of capsul-style {@code NN_up_name.sql} files or a Liquibase changelog file. A module
 * whose schema builds on another's (foreign keys, triggers on its tables) names those modules in
 * {@value #REQUIRES_HEADER}; it is migrated only once their schemas are current.
 */
public record MigrationDeclaration(String module, String path, List<String> requires) {

    public static final String HEADER = "Stoa-Migrations";
    public static final String REQUIRES_HEADER = "Stoa-Migrations-Requires";

    public MigrationDeclaration {
        path = stripSlashes(path.trim());
        requires = List.copyOf(requires);
    }

    public MigrationDeclaration(String module, String path) {
        this(module, path, List.of());
    }

    /** The modules named in a {@value #REQUIRES_HEADER} header (comma-separated; null: none). */
    public static List<String> requires(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** A changelog file rather than a folder of numbered SQL files. */
    public boolean isChangelogFile() {
        return path.matches(".*\\.(xml|ya?ml|json)$");
    }

    private static String stripSlashes(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
