package org.stoa.vm.hub;

import java.time.Instant;

/** A public key an account puts into its VMs; {@code name} is unique per account. */
public record SshKey(String email, String name, String content, Instant created) {
}
