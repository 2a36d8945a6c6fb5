package org.stoa.db.internal.migration;

/** A module's migrations cannot be applied; the message is the one line the operator sees. */
public class MigrationException extends Exception {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
