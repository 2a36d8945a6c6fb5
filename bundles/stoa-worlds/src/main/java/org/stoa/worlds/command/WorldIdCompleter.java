package org.stoa.worlds.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Candidates;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldService;

/** Completes a world id with the worlds there are. */
@Service
public class WorldIdCompleter implements Completer {

    @Reference
    WorldService worlds;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Candidates.complete(session, commandLine, candidates, () -> worlds.list().stream().map(World::id).toList());
    }
}
