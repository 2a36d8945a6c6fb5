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
import org.stoa.shell.Table;

@Command(scope = "world", name = "list", description = "List every world: id, title and URL")
@Service
public class ListWorlds implements Action {

    /** The columns venueless's list_worlds printed: id (18 wide, wider for longer ids), title cut at 32, URL. */
    private static final int ID_WIDTH = 18;
    private static final int TITLE_WIDTH = 32;

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
        Table table = Table.separatedBy("  ").left("ID", ID_WIDTH).cut("Title", TITLE_WIDTH).left("URL", 0);
        all.forEach(w -> table.row(w.id(), w.title(), w.url()));
        table.print(System.out);
        return null;
    }
}
