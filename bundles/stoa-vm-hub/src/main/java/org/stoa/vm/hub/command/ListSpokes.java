package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "spoke", name = "list", description = "List spokes: online, last heartbeat, capacity")
@Service
public class ListSpokes extends HubCommand {

    private static final String ROW = "%-12s %-32s %-7s %-28s %s";

    @Override
    void run(VmHosting hub) throws HubException {
        System.out.println(String.format(ROW, "ID", "URL", "ONLINE", "LAST HEARTBEAT", "CAPACITY"));
        for (VmHosting.SpokeReport r : hub.spokes()) {
            System.out.println(String.format(ROW, r.host().id(), r.host().httpsUrl(), r.host().online() ? "yes" : "no",
                    r.host().lastHealthCheck() == null ? "never" : r.host().lastHealthCheck().toString(), r.libvirt()));
        }
    }
}
