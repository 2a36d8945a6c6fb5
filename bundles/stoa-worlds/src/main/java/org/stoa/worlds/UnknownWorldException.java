package org.stoa.worlds;

/** No world has the given id. */
public final class UnknownWorldException extends WorldException {

    private static final long serialVersionUID = 1L;

    public UnknownWorldException(String id) {
        super("unknown world: " + id);
    }
}
