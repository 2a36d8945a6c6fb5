package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "spoke", name = "add", description = "Register a spoke; prints its token once")
@Service
public class AddSpoke extends HubCommand {

    @Argument(index = 0, name = "ID", required = true, description = "the spoke's id, e.g. spoke2")
    String id;

    @Argument(index = 1, name = "URL", required = true, description = "the spoke's base URL, e.g. https://spoke2.example.org")
    String url;

    @Override
    void run(VmHosting hub) throws HubException {
        String token = hub.addSpoke(id, url);
        System.out.println("Spoke " + id + " added. Its token, shown only now; set it as token in that spoke's "
                + "etc/org.stoa.spoke.cfg (its next start moves it to the 0600 etc/org.stoa.spoke.token.cfg):");
        System.out.println(token);
    }
}
