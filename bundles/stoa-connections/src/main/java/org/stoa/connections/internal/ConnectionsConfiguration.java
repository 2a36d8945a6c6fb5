package org.stoa.connections.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The WebSocket endpoint's settings, from {@code etc/org.stoa.connections.cfg}. */
@ObjectClassDefinition(name = "Stoa connections", description = "The WebSocket endpoint and cluster-wide connection control")
public @interface ConnectionsConfiguration {

    String PID = "org.stoa.connections";

    @AttributeDefinition(description = "This node's environment, the second half of its connection label "
            + "(<commit>.<environment>); the shipped cfg reads STOA_ENVIRONMENT; empty: unknown")
    String environment() default "";

    @AttributeDefinition(description = "Largest message a client may send, in bytes; larger ones close the socket (1009)")
    int maxMessageBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Bytes written to a socket that its client has not read yet; past them "
            + "the client counts as gone and is disconnected at once (a single larger message still goes out)")
    int maxPendingBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Seconds a socket may stay silent before it is closed; clients ping every 10 s")
    int pingTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Messages a client may send per second, on average")
    int messagesPerSecond() default 20;

    @AttributeDefinition(description = "Messages a client may send in a burst before the rate limit applies")
    int messageBurst() default 100;

    @AttributeDefinition(description = "Seconds between the node's reports of its connection counts")
    int reportSeconds() default 5;

    @AttributeDefinition(description = "Seconds after its last report that a node's connections stop counting")
    int staleAfterSeconds() default 30;
}
