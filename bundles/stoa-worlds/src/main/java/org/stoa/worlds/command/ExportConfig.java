package org.stoa.worlds.command;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.CallerFiles;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.Failure;

@Command(scope = "world", name = "export-config", description = "Write a world as a config file that world:import-config reads")
@Service
public class ExportConfig implements Action {

    @Completion(WorldIdCompleter.class)
    @Argument(index = 0, name = "WORLD", required = true, description = "world id")
    String world;

    @Argument(index = 1, name = "FILE", description = "file to write (relative to where the command is typed); without it the config is printed")
    String file;

    @Reference
    WorldService worlds;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        String config;
        try {
            config = worlds.exportConfig(world);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        if (file == null) {
            System.out.println(config);
            return null;
        }
        Path target = CallerFiles.resolve(session, file);
        try {
            CallerFiles.writePrivate(target, config + "\n"); // it holds the world's JWT secrets
        } catch (IOException e) {
            throw Failure.of("cannot write " + file + ": " + CallerFiles.reason(e));
        }
        System.out.println("World " + world + " written to " + target + ".");
        return null;
    }
}
