package org.stoa.shell.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The venueless name: {@code bin/stoa shell_plus}. */
@Command(scope = "stoa", name = "shell_plus", description = "Alias of stoa:shell-plus")
@Service
public class ShellPlusAlias extends ShellPlus {
}
