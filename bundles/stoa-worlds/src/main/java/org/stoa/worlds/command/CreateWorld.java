package org.stoa.worlds.command;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

@Command(scope = "world", name = "create", description = "Create a world: asks for its id, title and domain unless given")
@Service
public class CreateWorld implements Action {

    @Option(name = "--id", description = "internal id: lower-case letters and digits, at most 50")
    String id;

    @Option(name = "--title", description = "title shown to attendees")
    String title;

    @Option(name = "--domain", description = "domain attendees use, e.g. myevent.example.org")
    String domain;

    @Reference
    WorldService worlds;

    @Reference
    AccessLinks links;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        // Questions go straight to the session's console: System.out is buffered until the command ends.
        PrintStream console = session.getConsole();
        NewWorldQuestions.Answers world = new NewWorldQuestions(worlds, new Prompt(session, console), console).ask(id, title, domain);
        try {
            World created = worlds.create(world.id(), world.title(), world.domain());
            WorldCreated.print(System.out, "World created.", created, links);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
