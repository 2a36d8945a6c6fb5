package org.stoa.vm.hub.internal;

import java.security.SecureRandom;

/** Fresh VM names as capsul makes them: {@code capsul-} and ten random lower-case letters or digits. */
final class VmIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder id = new StringBuilder("capsul-");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
