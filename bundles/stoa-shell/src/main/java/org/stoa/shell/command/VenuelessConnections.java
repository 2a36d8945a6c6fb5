package org.stoa.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Failure;

/**
 * venueless's {@code connections list|drop|force_reload ...}, typed at the console. Karaf gives
 * each scope a command of the scope's name that enters its subshell and refuses arguments
 * ("too many arguments specified"). Gogo keeps the first of two commands of one name, and this
 * bundle's commands are registered before any plugin's (every commands bundle needs it), so
 * this one answers and hands the words to connections:list, connections:drop or
 * connections:force_reload. It lives here, not in stoa-connections, for that order.
 */
@Command(scope = "*", name = "connections",
        description = "venueless's spelling: connections list | drop [FILTER...] [--interval MS] | force_reload [FILTER...] [--interval MS]")
@Service
public class VenuelessConnections implements Action {

    private static final Map<String, String> SUBCOMMANDS = Map.of("list", "list", "drop", "drop",
            "force_reload", "force_reload", "force-reload", "force_reload");

    @Reference
    Session session;

    @Argument(index = 0, name = "SUBCOMMAND", description = "list, drop or force_reload")
    String subcommand;

    @Argument(index = 1, name = "WORDS", multiValued = true,
            description = "for drop and force_reload: label globs and --interval MS, in any order")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        if (subcommand == null) {
            throw Failure.of("connections: give list, drop or force_reload (e.g. connections list)");
        }
        String name = SUBCOMMANDS.get(subcommand);
        if (name == null) {
            throw Failure.of("unknown subcommand '" + subcommand + "': use list, drop or force_reload");
        }
        org.apache.karaf.shell.api.console.Command target = session.getRegistry().getCommand("connections", name);
        if (target == null) {
            throw Failure.of("connections:" + name + " is not available: is stoa-connections installed and started?");
        }
        return target.execute(session, new ArrayList<>(optionsFirst(words == null ? List.of() : words)));
    }

    /** argparse took --interval anywhere; Karaf's parser reads options before the arguments. */
    static List<String> optionsFirst(List<String> words) {
        List<String> options = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--interval") && i + 1 < words.size()) {
                options.add(word);
                options.add(words.get(++i));
            } else if (word.startsWith("-")) {
                options.add(word);
            } else {
                filters.add(word);
            }
        }
        options.addAll(filters);
        return options;
    }
}
