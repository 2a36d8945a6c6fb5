package org.stoa.worlds;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part of the {@code authenticated} message a client gets when it joins a world (a
 * whiteboard: register an implementation as an OSGi service). Each contribution sets its own
 * keys, e.g. chat sets {@code chat.channels}, {@code chat.read_pointers} and
 * {@code chat.notification_counts}; a key the webapp reads whose module is absent carries the
 * webapp's empty default instead, so a client never meets a missing key.
 * <p>
 * Called on the thread of the login, once per join: a contribution may read the database
 * briefly. One that throws is logged and leaves its keys at their defaults; the join goes on.
 */
@ConsumerType
public interface JoinContribution {

    /** Sets this module's keys in {@code payload} for the user joining. */
    void contribute(Joiner joiner, ObjectNode payload);
}
