package org.stoa.connections.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.connections.internal.Cluster;
import org.stoa.shell.Failure;

/** The venueless command line, kept for operators' scripts: {@code connections list|drop|force_reload ...}. */
@Command(scope = "connections", name = "connections",
        description = "Alias of connections:list, connections:drop and connections:force-reload")
@Service
public class ConnectionsAlias implements Action {

    @Reference
    Cluster cluster;

    @Reference
    Session session;

    @Argument(index = 0, name = "SUBCOMMAND", required = true, description = "list, drop or force_reload")
    String subcommand;

    @Option(name = "--interval", description = "milliseconds to wait between sockets (drop, force_reload)")
    String interval;

    @Argument(index = 1, name = "FILTER", multiValued = true, description = "globs over connection labels")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        ControlCommand control;
        switch (subcommand) {
            case "list" -> {
                if (words != null && !words.isEmpty() || interval != null) {
                    throw Failure.of("connections list takes no filters or options");
                }
                ListConnections list = new ListConnections();
                list.cluster = cluster;
                return list.execute();
            }
            case "drop" -> control = new DropConnections();
            case "force_reload", "force-reload" -> control = new ForceReload();
            default -> throw Failure.of("unknown subcommand '" + subcommand + "': list, drop or force_reload");
        }
        control.cluster = cluster;
        control.session = session;
        control.interval = interval;
        control.words = words;
        return control.execute();
    }
}
