package org.stoa.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a verified token says about its holder.
 *
 * @param uid       the holder's id at the issuer (claim {@code uid}); users are keyed by it
 * @param traits    claim {@code traits}, in token order; empty when absent
 * @param profile   claim {@code profile}; empty when absent
 * @param expiresAt claim {@code exp}; null when the token carries none
 */
public record TokenClaims(String uid, List<String> traits, Map<String, Object> profile,
        String issuer, String audience, Instant issuedAt, Instant expiresAt) {
}
