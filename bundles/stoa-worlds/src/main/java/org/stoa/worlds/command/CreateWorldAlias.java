package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name, kept for operators' scripts. */
@Command(scope = "world", name = "create_world", description = "Alias of world:create")
@Service
public class CreateWorldAlias extends CreateWorld {
}
