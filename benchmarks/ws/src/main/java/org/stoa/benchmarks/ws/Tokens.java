package org.stoa.benchmarks.ws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the HS256 JWTs a world accepts (as `token:generate` does): iss and aud of one of the world's
 * JWT_secrets, iat now, exp a day later, a uid naming the user and the trait "attendee". Not thread safe
 * (one Mac); the generator uses it from its one selector thread.
 */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    static final long LIFETIME_SECONDS = 86_400;

    private final Mac mac;
    private final String issuer;
    private final String audience;

    Tokens(String secret, String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    String mint(String uid, long nowSeconds) {
        String claims = "{\"iss\":" + Json.quote(issuer) + ",\"aud\":" + Json.quote(audience)
                + ",\"exp\":" + (nowSeconds + LIFETIME_SECONDS) + ",\"iat\":" + nowSeconds
                + ",\"uid\":" + Json.quote(uid) + ",\"traits\":[\"attendee\"]}";
        String signed = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        byte[] signature = mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(signature);
    }
}
