package org.stoa.vm.hub;

import java.util.Locale;

/** What the hub last heard about a VM from its spoke. */
public enum VmState {
    /** Its spoke won the create and has not reported since. */
    CREATING,
    RUNNING,
    STOPPED,
    CRASHED,
    /** Its spoke could not make it. */
    FAILED;

    /** The name stored in the database. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VmState ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
