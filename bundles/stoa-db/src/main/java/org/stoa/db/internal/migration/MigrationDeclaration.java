package org.stoa.db.internal.migration;

/**
 * A module's claim to migrations: the {@value #HEADER} manifest header names either a
 * folder of capsul-style {@code NN_up_name.sql} files or a Liquibase changelog file.
 */
public record MigrationDeclaration(String module, String path) {

    public static final String HEADER = "Stoa-Migrations";

    public MigrationDeclaration {
        path = stripSlashes(path.trim());
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
