package org.stoa.example;

/**
 * Why the note book refused, with one line meant for the user. The plugin's own error type: its
 * commands print the message, its WebSocket actions turn the reason into an error code.
 */
public final class NoteException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The request itself is wrong; nothing was changed. */
        INVALID,
        /** The database failed; the transaction was rolled back. */
        UNAVAILABLE
    }

    private final Reason reason;

    public NoteException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
