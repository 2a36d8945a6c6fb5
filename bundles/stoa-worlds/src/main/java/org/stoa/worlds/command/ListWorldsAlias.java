package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name, kept for operators' scripts. */
@Command(scope = "world", name = "list_worlds", description = "Alias of world:list")
@Service
public class ListWorldsAlias extends ListWorlds {
}
