package org.stoa.worlds.command;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.shell.TrailingOptions;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.TrailingOptions;

/** A command that makes a new world: its id, title and domain from options or asked, then its keys and admin link. */
abstract class NewWorldCommand implements Action {

    @Option(name = "--id", description = "internal id of the new world: lower-case letters and digits, at most 50")
    String id;

    @Option(name = "--title", description = "title of the new world, shown to attendees")
    String title;

    @Option(name = "--domain", description = "domain attendees use, e.g. myevent.example.org")
    String domain;

    @Reference
    WorldService worlds;

    @Reference
    AccessLinks links;

    @Reference
    Session session;

    /** The new world's id, title and domain; options written after the arguments count too. */
    NewWorldQuestions.Answers answers(TrailingOptions more) throws CommandException {
        // Questions go straight to the session's console: System.out is buffered until the command ends.
        PrintStream console = session.getConsole();
        return new NewWorldQuestions(worlds, new Prompt(session, console), console)
                .ask(more.value("--id", id), more.value("--title", title), more.value("--domain", domain));
    }

    void announce(String headline, World world) throws WorldException {
        WorldCreated.print(System.out, headline, world, links);
    }
}
