package org.stoa.worlds.command;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

@Command(scope = "world", name = "clone", description = "Copy a world's configuration and rooms into a new world")
@Service
public class CloneWorld implements Action {

    @Argument(index = 0, name = "SOURCE", required = true, description = "id of the world to copy")
    String source;

    @Option(name = "--new-secrets", description = "give the clone a fresh JWT secret instead of sharing the source's")
    boolean newSecrets;

    @Option(name = "--id", description = "internal id of the new world")
    String id;

    @Option(name = "--title", description = "title of the new world")
    String title;

    @Option(name = "--domain", description = "domain of the new world")
    String domain;

    @Reference
    WorldService worlds;

    @Reference
    AccessLinks links;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        if (worlds.find(source).isEmpty()) {
            throw Failure.of("unknown world: " + source);
        }
        PrintStream out = System.out;
        NewWorldQuestions.Answers world = new NewWorldQuestions(worlds, new Prompt(session, out), out).ask(id, title, domain);
        try {
            World clone = worlds.clone(source, world.id(), world.title(), world.domain(), newSecrets);
            WorldCreated.print(out, "World cloned.", clone, links);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
