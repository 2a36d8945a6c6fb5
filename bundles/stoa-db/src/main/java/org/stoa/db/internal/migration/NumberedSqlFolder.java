package org.stoa.db.internal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * capsul's migration layout: {@code NN_up_name.sql} applies migration NN, the optional
 * {@code NN_down_name.sql} undoes it. Numbers order the migrations; any other file is refused
 * so a typo never silently skips a migration.
 */
final class NumberedSqlFolder {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(up|down)_([A-Za-z0-9_\\-]+)\\.sql");

    /** One migration: its id ({@code NN_name}), its up file and SQL, and its rollback SQL if any. */
    record NumberedMigration(String id, String upFile, String upSql, Optional<String> downSql) {
    }

    private NumberedSqlFolder() {
    }

    static List<NumberedMigration> read(ModuleFiles files, String folder) throws MigrationException, IOException {
        Map<Integer, String> ups = new TreeMap<>();
        Map<Integer, String> downs = new TreeMap<>();
        for (String name : files.list(folder)) {
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                throw new MigrationException("unexpected file " + folder + "/" + name
                        + " in the migration folder (expected NN_up_name.sql or NN_down_name.sql)");
            }
            int number = Integer.parseInt(m.group(1));
            Map<Integer, String> side = m.group(2).equals("up") ? ups : downs;
            String previous = side.put(number, name);
            if (previous != null) {
                throw new MigrationException("two migrations numbered " + number + " in " + folder + ": "
                        + previous + " and " + name);
            }
        }
        for (Map.Entry<Integer, String> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                throw new MigrationException(folder + "/" + down.getValue() + " has no matching up migration");
            }
        }
        List<NumberedMigration> migrations = new ArrayList<>();
        for (Map.Entry<Integer, String> up : ups.entrySet()) {
            String upName = up.getValue();
            String id = upName.substring(0, upName.length() - ".sql".length()).replaceFirst("_up_", "_");
            String upSql = text(files, folder + "/" + upName);
            Optional<String> downSql = Optional.ofNullable(downs.get(up.getKey()))
                    .map(name -> folder + "/" + name);
            migrations.add(new NumberedMigration(id, upName, upSql,
                    downSql.isPresent() ? Optional.of(text(files, downSql.get())) : Optional.empty()));
        }
        return migrations;
    }

    private static String text(ModuleFiles files, String path) throws IOException, MigrationException {
        Optional<InputStream> in = files.open(path);
        if (in.isEmpty()) {
            throw new MigrationException("migration file " + path + " cannot be read from " + files.describe());
        }
        try (InputStream s = in.get()) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
