package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.worlds.WorldException;
import org.stoa.shell.Failure;
import org.stoa.shell.TrailingOptions;

@Command(scope = "world", name = "create", description = "Create a world: asks for its id, title and domain unless given")
@Service
public class CreateWorld extends NewWorldCommand {

    @Override
    public Object execute() throws Exception {
        NewWorldQuestions.Answers world = answers(TrailingOptions.none());
        try {
            announce("World created.", worlds.create(world.id(), world.title(), world.domain()));
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
