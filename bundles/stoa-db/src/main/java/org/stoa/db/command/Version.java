package org.stoa.db.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.FrameworkUtil;
import org.stoa.db.Database;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.Migrations;
import org.stoa.db.ModuleStatus;
import org.stoa.shell.Failure;

@Command(scope = "db", name = "version", description = "Show the server version, each module's schema version and the pending count")
@Service
public class Version implements Action {

    @Reference
    private Migrations migrations;

    @Reference
    private Database database;

    @Override
    public Object execute() throws Exception {
        System.out.println("Stoa " + FrameworkUtil.getBundle(Version.class).getVersion());
        System.out.println("Database " + database.location());
        List<ModuleStatus> modules;
        try {
            modules = migrations.status();
        } catch (DatabaseUnavailableException e) {
            throw Failure.of(e.getMessage());
        }
        ShellTable table = new ShellTable();
        table.column("Module");
        table.column("Schema version");
        table.column("Pending");
        table.column("Status");
        long pending = 0;
        for (ModuleStatus m : modules) {
            pending += m.pending();
            table.addRow().addContent(m.module(), m.version().orElse("(none)"), m.pending(),
                    m.problem().isPresent() ? "refused" : m.unknown().isEmpty() ? "ok" : "newer database");
        }
        table.print(System.out);
        System.out.println(pending + " pending migration" + (pending == 1 ? "" : "s") + ".");
        return null;
    }
}
