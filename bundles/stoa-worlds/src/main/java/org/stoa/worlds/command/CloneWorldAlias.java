package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name, kept for operators' scripts. */
@Command(scope = "world", name = "clone_world", description = "Alias of world:clone")
@Service
public class CloneWorldAlias extends CloneWorld {
}
