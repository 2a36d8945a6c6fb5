package org.stoa.vm.hub;

import java.time.Instant;

/**
 * A spoke. {@code online}: its last heartbeat lies within the hub's heartbeat window.
 * Its token is deliberately not part of this record, so it never ends up in output or logs.
 */
public record Host(String id, String httpsUrl, Instant lastHealthCheck, boolean online) {
}
