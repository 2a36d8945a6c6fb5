package org.stoa.connections.internal;

/** A socket as a drop or force-reload reaches it. */
interface Controllable {

    long openedNanos();

    /** Closes at once. */
    void drop();

    /** Tells the client to reload, and closes the socket after {@link #RELOAD_GRACE_MILLIS}. */
    void reload();

    /** The first half of {@link #reload()}, for a caller that closes many sockets together after the grace. */
    void tellToReload();

    /** How long a client told to reload has before the server closes its socket. */
    long RELOAD_GRACE_MILLIS = 2000;

    /** This node's sockets, as a drop or force-reload takes them. */
    interface Source {
        /** A snapshot of every open socket, in no particular order. */
        java.util.List<? extends Controllable> all();

        /** A snapshot of every open socket, oldest first. */
        java.util.List<? extends Controllable> oldestFirst();
    }
}
