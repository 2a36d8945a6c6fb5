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
}
