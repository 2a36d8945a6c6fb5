package org.stoa.worlds.command;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.worlds.WorldException;
import org.stoa.shell.Failure;
import org.stoa.shell.TrailingOptions;

@Command(scope = "world", name = "clone", description = "Copy a world's configuration and rooms into a new world")
@Service
public class CloneWorld extends NewWorldCommand {

    @Completion(WorldIdCompleter.class)
    @Argument(index = 0, name = "SOURCE", required = true, description = "id of the world to copy")
    String source;

    @Argument(index = 1, name = "OPTIONS", multiValued = true, description = "the options may also follow SOURCE")
    List<String> trailing;

    @Option(name = "--new-secrets", description = "give the clone a fresh JWT secret instead of sharing the source's")
    boolean newSecrets;

    @Override
    public Object execute() throws Exception {
        try {
            worlds.get(source);
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        TrailingOptions more = TrailingOptions.read(trailing, Set.of("--new-secrets"), Set.of("--id", "--title", "--domain"), null);
        NewWorldQuestions.Answers world = answers(more);
        try {
            announce("World cloned.", worlds.clone(source, world.id(), world.title(), world.domain(),
                    newSecrets || more.has("--new-secrets")));
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
