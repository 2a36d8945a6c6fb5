package org.stoa.db.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.db.internal.backup.DatabaseBackups;
import org.stoa.shell.CallerFiles;
import org.stoa.shell.Failure;

@Command(scope = "db", name = "restore",
        description = "Load a db:backup file into this installation's empty database, all or nothing")
@Service
public class Restore implements Action {

    @Argument(index = 0, name = "FILE", required = true, description = "a file db:backup wrote")
    String file;

    @Reference
    DatabaseBackups backups;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        DatabaseBackups.Restored restored;
        try {
            restored = backups.restore(CallerFiles.resolve(session, file));
        } catch (DatabaseBackups.Refused e) {
            throw Failure.of(e.getMessage());
        }
        System.out.println(String.format(Locale.ROOT, "Restored %d tables, %d rows from %s (taken %s).",
                restored.tables(), restored.rows(), restored.file(), restored.taken()));
        System.out.println("What the database held before is kept in " + restored.before() + ".");
        System.out.println("Restart the server (bin/stop, then bin/start) so every module starts on the restored data.");
        return null;
    }
}
