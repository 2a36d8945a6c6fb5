package org.stoa.worlds.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.Failure;

@Command(scope = "world", name = "list", description = "List every world: id, title and URL")
@Service
public class ListWorlds implements Action {

    /** The columns venueless's list_worlds printed: id (18 wide, wider for longer ids), title cut at 32, URL. */
    private static final int ID_WIDTH = 18;

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
        int idWidth = Math.max(ID_WIDTH, all.stream().mapToInt(w -> w.id().length()).max().orElse(0));
        String row = "%-" + idWidth + "s  %-32.32s  %s";
        System.out.println(String.format(row, "ID", "Title", "URL").stripTrailing());
        for (World w : all) {
            System.out.println(String.format(row, w.id(), w.title(), w.url()).stripTrailing());
        }
        return null;
    }
}
