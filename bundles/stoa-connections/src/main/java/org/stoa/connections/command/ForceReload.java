package org.stoa.connections.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "connections", name = "force-reload",
        description = "Tell the clients whose label matches to reload (connection.reload), on every node; closed 2 s later")
@Service
public class ForceReload extends ControlCommand {

    @Override
    String action() {
        return "reload";
    }

    @Override
    String done() {
        return "Reloaded";
    }
}
