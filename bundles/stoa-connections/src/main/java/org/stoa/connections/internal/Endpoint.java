package org.stoa.connections.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.stoa.connections.Authenticator;

/** What every socket of this node shares. */
record Endpoint(ConnectionsConfiguration config, LiveSockets sockets, Router router, ConnectionLimits limits,
        Supplier<Authenticator> authenticator, ScheduledExecutorService timer, ObjectMapper json) {
}
