package org.stoa.connections.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name: {@code connections force_reload} (bin/stoa turns the two words into this command). */
@Command(scope = "connections", name = "force_reload", description = "Alias of connections:force-reload")
@Service
public class ForceReloadAlias extends ForceReload {
}
