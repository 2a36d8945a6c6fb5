package org.stoa.worlds;

/** Bad input or a conflict, with a one-line message meant for the operator. Nothing was changed. */
public class WorldException extends Exception {

    private static final long serialVersionUID = 1L;

    public WorldException(String message) {
        super(message);
    }
}
