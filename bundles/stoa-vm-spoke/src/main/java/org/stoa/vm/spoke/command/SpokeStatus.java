package org.stoa.vm.spoke.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.spoke.Hypervisor;

@Command(scope = "spoke", name = "status", description = "Show this spoke's libvirt connection, or why it has none")
@Service
public class SpokeStatus implements Action {

    @Reference
    Hypervisor hypervisor;

    @Override
    public Object execute() {
        System.out.println(hypervisor.describe());
        return null;
    }
}
