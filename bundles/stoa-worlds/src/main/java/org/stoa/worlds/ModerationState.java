package org.stoa.worlds;

import java.util.Arrays;

/** Whether moderators have restricted a user. */
public enum ModerationState {
    NONE(""),
    /** May look and read, but not speak. */
    SILENCED("silenced"),
    /** Holds no permission at all. */
    BANNED("banned");

    private final String dbValue;

    ModerationState(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The value stored in the database and used by venueless; empty for {@link #NONE}. */
    public String dbValue() {
        return dbValue;
    }

    /**
     * The state a stored value names; null counts as {@link #NONE} because venueless leaves
     * the column empty for users nobody has moderated.
     *
     * @throws IllegalArgumentException when the value names no state
     */
    public static ModerationState fromDb(String value) {
        String stored = value == null ? "" : value;
        return Arrays.stream(values())
                .filter(state -> state.dbValue.equals(stored))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown moderation state: " + value));
    }
}
