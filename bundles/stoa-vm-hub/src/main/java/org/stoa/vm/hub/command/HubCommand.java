package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.shell.Failure;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

/**
 * A command carried out by the hub. The hub service exists only in the process holding the
 * hub lock, so elsewhere the command says so instead of vanishing.
 */
abstract class HubCommand implements Action {

    @Reference(optional = true)
    VmHosting hosting;

    @Override
    public final Object execute() throws Exception {
        if (hosting == null) {
            throw Failure.of("this process is not the VM hub: the hub role is disabled here (org.stoa.hub, "
                    + "STOA_HUB_ENABLED) or another node holds the hub lock (see karaf.log)");
        }
        try {
            run(hosting);
        } catch (HubException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }

    abstract void run(VmHosting hub) throws HubException, CommandException;

}
