package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name, kept for operators' scripts. */
@Command(scope = "world", name = "import_config", description = "Alias of world:import-config")
@Service
public class ImportConfigAlias extends ImportConfig {
}
