package org.stoa.shell;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

/** Who is at the shell, as audit trails name them (bin/stoa logs in as {@code stoa}). */
public final class ShellUser {

    private ShellUser() {
    }

    /** The logged-in user of the command's subject, else the session's USER, else {@code shell}. */
    public static String of(Session session) {
        String user = ShellUtil.getCurrentUserName();
        if ((user == null || user.isBlank()) && session != null && session.get("USER") instanceof String u) {
            user = u;
        }
        return user == null || user.isBlank() ? "shell" : user;
    }
}
