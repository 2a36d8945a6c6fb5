package org.stoa.connections.cluster;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends a message to every node of the cluster, this one included, on a {@link Topic}. Every
 * {@link ClusterReceiver} of the topic's channel on every node gets it, in the order the
 * messages of that channel were committed. A message of any size goes: those too long for a
 * NOTIFY travel through a table and the notification names their row.
 */
@ProviderType
public interface ClusterBus {

    /**
     * Publishes at once, in a transaction of its own.
     *
     * @throws IllegalStateException with a one-line "database error: …" message when the database
     *                               cannot take it
     */
    <T> void publish(Topic<T> topic, T message);

    /**
     * Publishes within the caller's transaction on {@code c}: nodes receive the message only if
     * and once that transaction commits — e.g. a chat message stored and announced together.
     */
    <T> void publish(Connection c, Topic<T> topic, T message) throws SQLException;

    /**
     * As {@link #publish(Connection, Topic, Object)}, and kept for {@value #REPLAY_MINUTES} minutes:
     * a node that was cut off from the database when it was sent (a restart of PostgreSQL, a
     * broken connection) gets it once it is back, before anything newer. For requests every node
     * must act on, such as a drop of connections; a receiver may get such a message late.
     */
    <T> void publishReplayed(Connection c, Topic<T> topic, T message) throws SQLException;

    /** How long a message published with {@link #publishReplayed} waits for nodes that are cut off. */
    int REPLAY_MINUTES = 10;
}
