package org.stoa.vm.hub;

import java.util.Locale;

/** Where one spoke stands with one operation. */
public enum AssignmentStatus {
    /** A create sent to this spoke, not yet claimed by anyone. */
    OFFERED,
    /** This spoke does the operation. */
    ASSIGNED,
    /** Another spoke's claim won. */
    LOST;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssignmentStatus ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
