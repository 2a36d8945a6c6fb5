package org.stoa.worlds.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name, kept for operators' scripts. */
@Command(scope = "token", name = "generate_token", description = "Alias of token:generate")
@Service
public class GenerateTokenAlias extends GenerateToken {
}
