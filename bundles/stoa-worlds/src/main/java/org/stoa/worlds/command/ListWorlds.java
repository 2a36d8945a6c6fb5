package org.stoa.worlds.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

@Command(scope = "world", name = "list", description = "List every world: id, title and URL")
@Service
public class ListWorlds implements Action {

    /** The columns venueless's list_worlds printed: id, title cut at 32, URL. */
    private static final String ROW = "%-18s  %-32.32s  %s";

    @Reference
    WorldService worlds;

    @Override
    public Object execute() throws Exception {
        List<World> all;
        try {
            all = worlds.list();
        } catch (WorldException e) {
            throw Failure.of(e.getMessage());
        }
        System.out.println(String.format(ROW, "ID", "Title", "URL").stripTrailing());
        for (World w : all) {
            System.out.println(String.format(ROW, w.id(), w.title(), w.url()).stripTrailing());
        }
        return null;
    }
}
