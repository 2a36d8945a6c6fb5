package org.stoa.db.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.MigrationStatus;
import org.stoa.db.Migrations;
import org.stoa.db.ModuleStatus;
import org.stoa.shell.Failure;

/** Django's showmigrations: per module, [X] applied and [ ] pending. */
@Command(scope = "db", name = "showmigrations", description = "List every module's migrations, applied [X] or pending [ ]")
@Service
public class ShowMigrations implements Action {

    @Reference
    private Migrations migrations;

    @Override
    public Object execute() throws Exception {
        try {
            for (ModuleStatus module : migrations.status()) {
                System.out.println(module.module());
                if (module.migrations().isEmpty() && module.problem().isEmpty()) {
                    System.out.println(" (no migrations)");
                }
                for (MigrationStatus m : module.migrations()) {
                    System.out.println(" [" + (m.applied() ? "X" : " ") + "] " + m.id());
                }
                for (String unknown : module.unknown()) {
                    System.out.println(" WARNING: " + unknown + " is applied in the database but unknown to this version");
                }
                module.problem().ifPresent(p -> System.out.println(" ERROR: " + p));
            }
        } catch (DatabaseUnavailableException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
