package org.stoa.connections.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "connections", name = "drop",
        description = "Close the WebSocket connections whose label matches, on every node")
@Service
public class DropConnections extends ControlCommand {

    @Override
    String action() {
        return "drop";
    }

    @Override
    String done() {
        return "Dropped";
    }
}
