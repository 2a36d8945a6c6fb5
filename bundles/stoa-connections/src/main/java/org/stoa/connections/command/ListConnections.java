package org.stoa.connections.command;

import java.sql.SQLException;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.connections.internal.NodeCounts;
import org.stoa.db.Transactions;
import org.stoa.shell.Failure;
import org.stoa.shell.Table;

@Command(scope = "connections", name = "list",
        description = "Open WebSocket connections per label (<commit>.<environment>), summed over every live node")
@Service
public class ListConnections implements Action {

    @Reference
    NodeCounts nodes;

    @Override
    public Object execute() throws Exception {
        Map<String, Long> counts;
        try {
            counts = nodes.counts();
        } catch (SQLException e) {
            throw Failure.of(Transactions.message(e));
        }
        Table table = Table.separatedBy(" ").left("label", 60).left("est. number of connections", 0);
        counts.forEach(table::row);
        table.print(System.out);
        return null;
    }
}
