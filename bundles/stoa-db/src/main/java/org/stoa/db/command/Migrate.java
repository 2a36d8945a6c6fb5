package org.stoa.db.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.MigrationResult;
import org.stoa.db.Migrations;
import org.stoa.shell.Failure;

@Command(scope = "db", name = "migrate", description = "Apply the pending migrations of every installed module")
@Service
public class Migrate implements Action {

    @Reference
    private Migrations migrations;

    @Override
    public Object execute() throws Exception {
        List<MigrationResult> results;
        try {
            results = migrations.migrate();
        } catch (DatabaseUnavailableException e) {
            throw Failure.of(e.getMessage());
        }
        boolean applied = false;
        long failed = 0;
        for (MigrationResult result : results) {
            for (String id : result.applied()) {
                System.out.println("Applied " + result.module() + " " + id);
                applied = true;
            }
            if (result.problem().isPresent()) {
                System.out.println(result.problem().get());
                failed++;
            }
        }
        if (failed > 0) {
            throw Failure.of(failed + (failed == 1 ? " module was" : " modules were") + " not migrated.");
        }
        if (!applied) {
            System.out.println("No migrations to apply.");
        }
        return null;
    }
}
