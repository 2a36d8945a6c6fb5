package org.stoa.db.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.db.internal.backup.DatabaseBackups;
import org.stoa.shell.CallerFiles;
import org.stoa.shell.Failure;

@Command(scope = "db", name = "backup",
        description = "Write a consistent, compressed snapshot of the whole database while the server runs")
@Service
public class Backup implements Action {

    @Argument(index = 0, name = "FILE", description = "where to write it; default data/backups/stoa-backup-DATE.gz")
    String file;

    @Reference
    DatabaseBackups backups;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        Path target = file == null ? backups.defaultFile(DatabaseBackups.defaultFolder()) : CallerFiles.resolve(session, file);
        DatabaseBackups.Summary summary;
        try {
            summary = backups.backup(target);
        } catch (DatabaseBackups.Refused e) {
            throw Failure.of(e.getMessage());
        }
        System.out.println(String.format(Locale.ROOT, "Backed up %d tables, %d rows to %s (%s).", summary.tables(),
                summary.rows(), summary.file(), size(summary.bytes())));
        System.out.println("Schema: " + summary.versions().entrySet().stream()
                .map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(", ")));
        return null;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
