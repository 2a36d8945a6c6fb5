package org.stoa.worlds.internal.config;

/**
 * How long a text may be where the worlds migration stores it (db/01_up_worlds.sql): checked
 * where input arrives, so an overlong value is refused by its name instead of by the database.
 */
public final class Columns {

    public static final int TITLE = 300;
    public static final int ROOM_NAME = 300;
    public static final int ROOM_IMPORT_ID = 100;
    public static final int EXHIBITOR_NAME = 190;
    public static final int EXHIBITOR_SIZE = 10;

    private Columns() {
    }
}
