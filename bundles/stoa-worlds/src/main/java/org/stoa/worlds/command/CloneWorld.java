package org.stoa.worlds.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

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

    @Argument(index = 1, name = "OPTIONS", multiValued = true, description = "the options may also follow SOURCE")
    List<String> trailing;

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
        try {
            worlds.get(source);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        TrailingOptions more = TrailingOptions.read(trailing, Set.of("--new-secrets"), Set.of("--id", "--title", "--domain"), null);
        // Questions go straight to the session's console: System.out is buffered until the command ends.
        PrintStream console = session.getConsole();
        NewWorldQuestions.Answers world = new NewWorldQuestions(worlds, new Prompt(session, console), console)
                .ask(more.value("--id", id), more.value("--title", title), more.value("--domain", domain));
        try {
            World clone = worlds.clone(source, world.id(), world.title(), world.domain(), newSecrets || more.has("--new-secrets"));
            WorldCreated.print(System.out, "World cloned.", clone, links);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
