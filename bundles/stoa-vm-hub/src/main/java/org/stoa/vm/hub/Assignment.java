package org.stoa.vm.hub;

import java.time.Instant;

/** One spoke's part in one operation; {@code results} is the JSON the spoke reported, once completed. */
public record Assignment(String host, long operation, AssignmentStatus status, Instant assigned, Instant completed,
        String results) {
}
