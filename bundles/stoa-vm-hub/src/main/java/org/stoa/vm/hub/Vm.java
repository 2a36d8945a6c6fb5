package org.stoa.vm.hub;

import java.time.Instant;

/**
 * A VM on the spoke {@code host}. The addresses and {@code lastSeen} are what that spoke
 * last reported (null before its first report); {@code deleted} is null while it exists.
 */
public record Vm(String id, String email, String os, String size, String host, VmState state,
        String lastSeenIpv4, String lastSeenIpv6, Instant lastSeen, Instant created, Instant deleted) {
}
