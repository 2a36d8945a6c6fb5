package org.stoa.connections.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the messages of one topic on this node: register an implementation as an OSGi
 * service (a whiteboard); the node starts listening on its channel while at least one receiver
 * of the channel is registered. Several receivers may share a channel; each gets every message.
 * <p>
 * Messages of a channel arrive one at a time, in the order they were committed, on the thread
 * that listens to the database: a receiver hands anything slower than a moment to its own
 * executor. A message that cannot be read as the topic's type, or a receiver that throws, is
 * logged and skipped; the messages after it still arrive.
 */
@ConsumerType
public interface ClusterReceiver<T> {

    /** The channel and message type this receiver listens to. */
    Topic<T> topic();

    void receive(T message);

    /**
     * This node was cut off from the database for a while and listens again: the messages published
     * meanwhile were missed, except those published with {@link ClusterBus#publishReplayed}, which
     * were received before this call. Drop or refresh what was kept from earlier messages.
     */
    default void resynchronize() {
    }
}
