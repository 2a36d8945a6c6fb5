package org.stoa.vm.hub;

import java.time.Instant;

/**
 * A request to spokes. {@code vmId} is null for {@code list} and {@code capacity};
 * {@code os} and {@code size} are set for a create only; {@code payload} is the JSON
 * sent to spokes. {@code claimedBy} names the spoke whose claim of a create won.
 */
public record Operation(long id, String email, OperationKind kind, String vmId, String os, String size,
        String payload, Instant created, String claimedBy, Instant claimed) {
}
