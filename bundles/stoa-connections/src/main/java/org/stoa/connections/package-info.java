/**
 * The venueless WebSocket API as plugins see it: a bundle adds a namespace of actions by
 * registering an {@link org.stoa.connections.ActionHandler}; the event-worlds bundle lets
 * clients in by registering the {@link org.stoa.connections.Authenticator}; anyone may push an
 * event to every socket of a world, on every node, through {@link org.stoa.connections.WorldEvents},
 * and ask who is online through {@link org.stoa.connections.OnlineUsers}.
 */
@org.osgi.annotation.versioning.Version("0.5.0")
package org.stoa.connections;
