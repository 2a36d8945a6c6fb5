package org.stoa.db;

/** The database cannot be reached right now; the message says why in one line. */
public class DatabaseUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
