package org.stoa.vm.spoke.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.vm.spoke.Hypervisor;
import org.stoa.shell.CallerFiles;
import org.stoa.shell.Failure;
import org.stoa.vm.spoke.SpokeException;

@Command(scope = "spoke", name = "template-add", description = "Add an OS template image to this spoke's storage pool")
@Service
public class AddTemplate implements Action {

    @Argument(index = 0, name = "NAME", required = true, description = "the template's file name, as vm:images shows it")
    String name;

    @Argument(index = 1, name = "FILE", required = true, description = "the image file (qcow2 or raw) on this host")
    String file;

    @Reference
    Hypervisor hypervisor;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.println(hypervisor.addTemplate(name, CallerFiles.resolve(session, file)));
        } catch (SpokeException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
