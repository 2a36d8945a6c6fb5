package org.stoa.connections;

/**
 * The actions of one WebSocket namespace, registered as an OSGi service with the property
 * {@value #NAMESPACE} (e.g. {@code room}). Only authenticated clients reach a handler. The service
 * may come and go while sockets are open: the next action of the namespace finds it, or answers
 * {@code protocol.unknown_command} once it is gone.
 * <p>
 * Calls for one client — {@link #handle}, {@link #onEvent}, {@link #onClose} — come one at a time
 * (never two at once for the same socket, whichever thread they come on): a handler may keep
 * per-client state in {@link Client#attributes()} without further locking. Events of one world
 * reach its sockets in the order they were published; different worlds are delivered in
 * parallel, so calls for different clients may run at the same time. A handler may block briefly
 * (a database query) but must not wait on the client: while it holds a client, that world's
 * events wait for it.
 */
public interface ActionHandler {

    /** Service property: the namespace this handler serves (or several: a String array). */
    String NAMESPACE = "stoa.websocket.namespace";

    /**
     * Handles one action of this namespace; replies through {@link Client#reply} or refuses by
     * throwing. Returns false when the namespace has no such action (the client gets
     * {@code <namespace>.unsupported_command}).
     */
    boolean handle(Client client, Action action) throws ActionException;

    /**
     * An event for the client's world (see {@link WorldEvents}) whose type is in this namespace.
     * By default the client gets it as it was published.
     */
    default void onEvent(Client client, WorldEvent event) {
        client.push(event.type(), event.data());
    }

    /**
     * An event of this namespace reached this node: called once per node and event, before the
     * node's sockets of the world get it (e.g. to drop what the handler cached about the world),
     * in the world's order of events.
     */
    default void onNodeEvent(WorldEvent event) {
    }

    /** The client's socket has closed; release what the handler held for it. */
    default void onClose(Client client) {
    }
}
