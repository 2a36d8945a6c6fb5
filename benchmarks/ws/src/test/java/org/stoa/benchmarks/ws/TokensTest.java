package org.stoa.benchmarks.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void aTokenIsSignedWithTheSecretAndNamesItsUserIssuerAudienceAndTrait() throws Exception {
        String jwt = new Tokens("s3cret", "any", "venueless").mint("bench-1-7", 1_700_000_000L);
        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, parts[2]);
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) Json.parse(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("any", claims.get("iss"));
        assertEquals("venueless", claims.get("aud"));
        assertEquals("bench-1-7", claims.get("uid"));
        assertEquals(1_700_000_000L, claims.get("iat"));
        assertEquals(1_700_086_400L, claims.get("exp"));
        assertEquals(java.util.List.of("attendee"), claims.get("traits"));
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    }
}
