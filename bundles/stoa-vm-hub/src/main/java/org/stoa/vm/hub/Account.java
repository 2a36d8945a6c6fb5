package org.stoa.vm.hub;

import java.time.Instant;

/** A customer, known by a lower-case email address. */
public record Account(String email, Instant created) {
}
