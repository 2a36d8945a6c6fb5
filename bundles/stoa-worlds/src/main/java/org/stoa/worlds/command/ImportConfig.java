package org.stoa.worlds.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.CallerFiles;
import org.stoa.worlds.ImportedWorld;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.Failure;
import org.stoa.shell.TrailingOptions;

@Command(scope = "world", name = "import-config", description = "Create or update a world from a venueless world config (JSON)")
@Service
public class ImportConfig implements Action {

    @Argument(index = 0, name = "FILE", required = true, description = "the world config file")
    String file;

    @Option(name = "--domain", description = "domain to give the world (a new world otherwise has none)")
    String domain;

    @Argument(index = 1, name = "OPTIONS", multiValued = true, description = "--domain may also follow FILE")
    List<String> trailing;

    @Reference
    WorldService worlds;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        String newDomain = TrailingOptions.read(trailing, Set.of(), Set.of("--domain"), null).value("--domain", domain);
        ImportedWorld imported;
        try (InputStream json = Files.newInputStream(CallerFiles.resolve(session, file))) {
            imported = worlds.importConfig(json, newDomain);
        } catch (NoSuchFileException e) {
            throw Failure.of("no such file: " + file);
        } catch (IOException e) {
            throw Failure.of("cannot read " + file + ": " + CallerFiles.reason(e));
        } catch (WorldException e) {
            throw Failure.of(file + ": " + e.getMessage() + "; nothing was changed");
        }
        System.out.println("World " + imported.id() + (imported.created() ? " created" : " updated") + ": "
                + imported.roomsCreated() + " rooms created, " + imported.roomsUpdated() + " rooms updated, "
                + imported.exhibitors() + " exhibitors.");
        return null;
    }
}
