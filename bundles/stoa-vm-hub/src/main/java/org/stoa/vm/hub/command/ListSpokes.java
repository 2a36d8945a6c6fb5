package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.shell.Table;

@Command(scope = "spoke", name = "list", description = "List spokes: online, last heartbeat, capacity")
@Service
public class ListSpokes extends HubCommand {

    @Override
    void run(VmHosting hub) throws HubException {
        Table table = Table.separatedBy(" ").left("ID", 12).left("URL", 32).left("ONLINE", 7).left("LAST HEARTBEAT", 28)
                .left("CAPACITY", 0);
        for (VmHosting.SpokeReport r : hub.spokes()) {
            table.row(r.host().id(), r.host().httpsUrl(), r.host().online() ? "yes" : "no",
                    r.host().lastHealthCheck() == null ? "never" : r.host().lastHealthCheck().toString(), r.libvirt());
        }
        table.print(System.out);
    }
}
