package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.shell.Failure;

@Command(scope = "vm", name = "check", description = "Compare the hub's VMs with what every spoke reports")
@Service
public class CheckVms extends HubCommand {

    @Override
    void run(VmHosting hub) throws HubException, CommandException {
        VmHosting.CheckReport report = hub.check();
        if (report.clean()) {
            System.out.println("Every VM is where the hub expects it (" + hub.list(null).size() + " VMs).");
            return;
        }
        report.missingOnSpokes().forEach(v -> System.out.println("missing on its spoke: " + v));
        report.unknownToHub().forEach(v -> System.out.println("unknown to the hub: " + v));
        report.unreachableSpokes().forEach(s -> System.out.println("unreachable spoke: " + s));
        throw Failure.of("vm:check found " + (report.missingOnSpokes().size() + report.unknownToHub().size()
                + report.unreachableSpokes().size()) + " problems");
    }
}
