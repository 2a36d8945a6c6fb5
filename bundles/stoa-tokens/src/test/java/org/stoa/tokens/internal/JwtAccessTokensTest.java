package org.stoa.tokens.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoa.tokens.JwtSecret;
import org.stoa.tokens.TokenClaims;
import org.stoa.tokens.TokenRejectedException;
import org.stoa.tokens.TokenRejectedException.Reason;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

class JwtAccessTokensTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_100);
    private static final Duration DAY = Duration.ofDays(1);

    private static final JwtSecret FIRST = new JwtSecret("any", "venueless",
            "8kQmZp3RtYw7VnXc2LbHs9JdFg4KeUa6TyPo1WiNr5MqBv0CxEz7Gh3Sj2Dl8Af4");
    private static final JwtSecret SECOND = new JwtSecret("pretix", "democon",
            "Hv2Ns8QzLp4Xk7Rm1Tc9Wb3Yf6Gd0Je5Ua2So8Ki4Mx7Pq1Zr3Vt6Bn9Cw0Ey5Lh");
    private static final List<JwtSecret> WORLD = List.of(FIRST, SECOND);

    /** Claims valid at {@link #NOW} for {@link #FIRST}, to which a test adds uid and traits. */
    private static final String FIRST_CLAIMS =
            "\"iss\":\"any\",\"aud\":\"venueless\",\"iat\":1700000000,\"exp\":1700086400";

    /**
     * Made by PyJWT 2.6.0: {@code jwt.encode({"iss": "any", "aud": "venueless", "iat": 1700000000,
     * "exp": 1700086400, "uid": "pretix-4711", "traits": ["attendee", "pretix-event-democon"],
     * "profile": {"display_name": "Ada"}}, FIRST.secret, algorithm="HS256")}.
     */
    private static final String PYJWT_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJhbnkiLCJhdWQiOiJ2ZW51ZWxlc3MiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDA4NjQwMCwidWlkIjoicHJl"
            + "dGl4LTQ3MTEiLCJ0cmFpdHMiOlsiYXR0ZW5kZWUiLCJwcmV0aXgtZXZlbnQtZGVtb2NvbiJdLCJwcm9maWxlIjp7ImRpc3BsYXlf"
            + "bmFtZSI6IkFkYSJ9fQ"
            + ".WTBB8Ce0WQkETzJteB8bwR6cTL2OWvq3XtI1lmdYlmY";

    private final JwtAccessTokens tokens = at(NOW);

    // Issuing, and reading back what was issued

    @Test
    void issuedTokenVerifiesWithTheClaimsItWasIssuedWith() throws Exception {
        String token = tokens.issue(FIRST, "ada", List.of("attendee"), Map.of(), DAY);

        TokenClaims claims = tokens.verify(token, WORLD);

        assertEquals(new TokenClaims("ada", List.of("attendee"), Map.of(), "any", "venueless", NOW,
                NOW.plus(DAY)), claims);
    }

    @Test
    void issuedTraitsKeepTheirOrderAndDuplicates() throws Exception {
        List<String> traits = List.of("speaker", "admin", "attendee", "admin");

        String token = tokens.issue(FIRST, "ada", traits, Map.of(), DAY);

        assertEquals(traits, tokens.verify(token, WORLD).traits());
    }

    @Test
    void issuedProfileComesBackAsIssued() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("company", "ACME");
        fields.put("interests", List.of("chess", "go"));
        fields.put("year", 1815);
        fields.put("phone", null);
        Map<String, Object> profile = Map.of("display_name", "Ada Lovelace", "fields", fields);

        String token = tokens.issue(FIRST, "ada", List.of(), profile, DAY);

        assertEquals(profile, tokens.verify(token, WORLD).profile());
    }

    @Test
    void issuedTokenWithEmptyProfileCarriesNoProfileClaim() throws Exception {
        String token = tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertTrue(JWT.decode(token).getClaim("profile").isMissing());
        assertEquals(Map.of(), tokens.verify(token, WORLD).profile());
    }

    @Test
    void issuedTokenExpiresAfterItsValidity() throws Exception {
        Duration validity = Duration.ofDays(90);

        TokenClaims claims = tokens.verify(tokens.issue(FIRST, "ada", List.of(), Map.of(), validity), WORLD);

        assertEquals(NOW, claims.issuedAt());
        assertEquals(validity, Duration.between(claims.issuedAt(), claims.expiresAt()));
    }

    @Test
    void issuedTokenIsHs256WithTheAudienceAsOneString() {
        String token = tokens.issue(FIRST, "ada", List.of("attendee"), Map.of(), DAY);

        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", part(token, 0));
        assertTrue(part(token, 1).contains("\"aud\":\"venueless\""), part(token, 1));
    }

    @Test
    void issuedTokenIsSignedWithTheGivenSecretOnly() {
        String token = tokens.issue(SECOND, "ada", List.of(), Map.of(), DAY);

        assertInvalid(token, List.of(new JwtSecret(SECOND.issuer(), SECOND.audience(), FIRST.secret())));
    }

    // Which secret accepts a token

    @Test
    void tokenSignedWithTheSecondSecretVerifies() throws Exception {
        String token = tokens.issue(SECOND, "grace", List.of("speaker"), Map.of(), DAY);

        TokenClaims claims = tokens.verify(token, WORLD);

        assertEquals("grace", claims.uid());
        assertEquals("pretix", claims.issuer());
        assertEquals("democon", claims.audience());
    }

    @Test
    void tokenSignedWithAnotherSecretIsInvalid() {
        JwtSecret stranger = new JwtSecret("any", "venueless", "not-the-world-secret");

        assertInvalid(tokens.issue(stranger, "mallory", List.of("admin"), Map.of(), DAY), WORLD);
    }

    @Test
    void tokenForAnotherAudienceIsInvalid() {
        JwtSecret otherAudience = new JwtSecret(FIRST.issuer(), "other-event", FIRST.secret());

        assertInvalid(tokens.issue(otherAudience, "ada", List.of(), Map.of(), DAY), WORLD);
    }

    @Test
    void tokenFromAnotherIssuerIsInvalid() {
        JwtSecret otherIssuer = new JwtSecret("someone-else", FIRST.audience(), FIRST.secret());

        assertInvalid(tokens.issue(otherIssuer, "ada", List.of(), Map.of(), DAY), WORLD);
    }

    @Test
    void tokenWhoseAudiencesIncludeTheWorldsVerifies() throws Exception {
        String token = JWT.create().withIssuer("any").withAudience("other-event", "venueless")
                .withClaim("uid", "ada").sign(Algorithm.HMAC256(FIRST.secret()));

        assertEquals("ada", tokens.verify(token, WORLD).uid());
    }

    @ParameterizedTest
    @CsvSource(value = {"null, venueless", "any, null"}, nullValues = "null")
    void secretWithoutIssuerOrAudienceAcceptsNothing(String issuer, String audience) {
        String token = hs256("{\"iss\":" + json(issuer) + ",\"aud\":" + json(audience) + ",\"uid\":\"ada\"}", FIRST);

        assertInvalid(token, List.of(new JwtSecret(issuer, audience, FIRST.secret())));
    }

    @Test
    void worldWithoutSecretsAcceptsNothing() {
        assertInvalid(tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY), List.of());
    }

    // Expiry

    @Test
    void tokenIsValidUntilTheLeewayAfterItsExpHasPassed() throws Exception {
        String token = tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertEquals("ada", at(NOW.plus(DAY).plusSeconds(JwtAccessTokens.LEEWAY_SECONDS - 1)).verify(token, WORLD).uid());
    }

    @Test
    void tokenIsExpiredOnceTheLeewayAfterItsExpHasPassed() {
        String token = tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertExpired(at(NOW.plus(DAY).plusSeconds(JwtAccessTokens.LEEWAY_SECONDS)), token, WORLD);
    }

    @Test
    void tokenExpiredUnderTheFirstSecretIsExpiredThoughTheSecondRejectsIt() {
        String token = tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertExpired(at(NOW.plus(DAY).plusSeconds(60)), token, List.of(FIRST, SECOND));
    }

    @Test
    void tokenExpiredUnderALaterSecretIsExpiredThoughAnEarlierRejectsIt() {
        String token = tokens.issue(SECOND, "ada", List.of(), Map.of(), DAY);

        assertExpired(at(NOW.plus(DAY).plusSeconds(60)), token, List.of(FIRST, SECOND));
    }

    @Test
    void laterSecretAcceptingTheTokenWinsOverEarlierRejections() throws Exception {
        // Expiry depends on the token and the clock only, so no secret can find expired a token another accepts.
        String token = tokens.issue(SECOND, "ada", List.of(), Map.of(), DAY);
        JwtSecret sameKeyOtherAudience = new JwtSecret(SECOND.issuer(), "other-event", SECOND.secret());

        assertEquals("ada", tokens.verify(token, List.of(FIRST, sameKeyOtherAudience, SECOND)).uid());
    }

    @Test
    void expiredTokenForAnotherAudienceIsInvalidNotExpired() {
        JwtSecret otherAudience = new JwtSecret(FIRST.issuer(), "other-event", FIRST.secret());
        String token = tokens.issue(otherAudience, "ada", List.of(), Map.of(), DAY);

        assertInvalid(at(NOW.plus(DAY).plusSeconds(60)), token, WORLD);
    }

    @Test
    void expiredTokenWithAWrongSignatureIsInvalidNotExpired() {
        JwtSecret stranger = new JwtSecret("any", "venueless", "not-the-world-secret");
        String token = tokens.issue(stranger, "ada", List.of(), Map.of(), DAY);

        assertInvalid(at(NOW.plus(DAY).plusSeconds(60)), token, WORLD);
    }

    @Test
    void tokenWithoutExpNeverExpires() throws Exception {
        String token = hs256("{\"iss\":\"any\",\"aud\":\"venueless\",\"uid\":\"ada\"}", FIRST);

        TokenClaims claims = at(NOW.plus(Duration.ofDays(3650))).verify(token, WORLD);

        assertEquals("ada", claims.uid());
        assertNull(claims.expiresAt());
        assertNull(claims.issuedAt());
    }

    @Test
    void tokenIssuedByAClockAFewSecondsAheadIsValid() throws Exception {
        // The ticket system's clock runs ahead of Stoa's by less than the leeway.
        String token = at(NOW.plusSeconds(JwtAccessTokens.LEEWAY_SECONDS)).issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertEquals("ada", tokens.verify(token, WORLD).uid());
    }

    @Test
    void tokenIssuedFurtherInTheFutureThanTheLeewayIsInvalid() {
        String token = at(NOW.plusSeconds(JwtAccessTokens.LEEWAY_SECONDS + 1)).issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertInvalid(tokens, token, WORLD);
    }

    // Algorithms

    @Test
    void unsignedTokenIsInvalid() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url("{" + FIRST_CLAIMS + ",\"uid\":\"mallory\",\"traits\":[\"admin\"]}");

        assertInvalid(header + "." + payload + ".", WORLD);
    }

    @Test
    void unsignedTokenCarryingAValidSignatureIsInvalid() {
        String signed = hs256("{" + FIRST_CLAIMS + ",\"uid\":\"mallory\",\"traits\":[\"admin\"]}", FIRST);
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        assertInvalid(header + signed.substring(signed.indexOf('.')), WORLD);
    }

    static Stream<Algorithm> otherAlgorithms() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        return Stream.of(Algorithm.HMAC384(FIRST.secret()), Algorithm.HMAC512(FIRST.secret()),
                Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
    }

    @ParameterizedTest
    @MethodSource("otherAlgorithms")
    void tokenSignedWithAnotherAlgorithmIsInvalid(Algorithm algorithm) {
        String token = JWT.create().withIssuer("any").withAudience("venueless").withClaim("uid", "ada")
                .withClaim("traits", List.of("admin")).sign(algorithm);

        assertInvalid(token, WORLD);
    }

    // Malformed tokens and claims

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "a.b.c", "a.b", "..", " ", "W10.W10.", "bnVsbA.bnVsbA.",
            "eyJhbGciOiJIUzI1NiJ9.e30", "eyJhbGciOiJIUzI1NiJ9.not-base64!.x"})
    void garbageIsInvalid(String garbage) {
        assertInvalid(garbage, WORLD);
    }

    @Test
    void tokenWhoseHeaderIsJsonNullIsInvalid() {
        String token = tokens.issue(FIRST, "ada", List.of(), Map.of(), DAY);

        assertInvalid(base64Url("null") + token.substring(token.indexOf('.')), WORLD);
    }

    @Test
    void tokenWhosePayloadIsJsonNullIsInvalid() {
        assertInvalid(hs256("null", FIRST), WORLD);
    }

    @Test
    void tamperedPayloadIsInvalid() {
        String token = tokens.issue(FIRST, "ada", List.of("attendee"), Map.of(), DAY);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + base64Url(part(token, 1).replace("attendee", "admin")) + "." + parts[2];

        assertInvalid(tampered, WORLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"uid\":null", ",\"uid\":4711", ",\"uid\":\"\"", ",\"uid\":[\"ada\"]",
            ",\"uid\":{\"id\":\"ada\"}"})
    void tokenWithoutAUidStringIsInvalid(String uid) {
        assertInvalid(hs256("{" + FIRST_CLAIMS + uid + ",\"traits\":[\"admin\"]}", FIRST), WORLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "[\"admin\",null]", "[[\"admin\"]]", "\"admin\"", "{\"0\":\"admin\"}", "true"})
    void tokenWithTraitsOtherThanAnArrayOfStringsIsInvalid(String traits) {
        assertInvalid(hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\",\"traits\":" + traits + "}", FIRST), WORLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"traits\":null"})
    void tokenWithoutTraitsHasNone(String traits) throws Exception {
        String token = hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\"" + traits + "}", FIRST);

        assertEquals(List.of(), tokens.verify(token, WORLD).traits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Ada\"", "[\"Ada\"]", "42"})
    void tokenWithAProfileOtherThanAnObjectIsInvalid(String profile) {
        assertInvalid(hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\",\"profile\":" + profile + "}", FIRST), WORLD);
    }

    // Hostile payloads: refused at once, whoever signed them

    @Test
    void tokenWithAHugeNumberIsInvalid() {
        assertInvalid(hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\",\"profile\":{\"n\":" + "9".repeat(100_000)
                + "}}", FIRST), WORLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "123456789012345678901234567890", "1.5e300"})
    void tokenWithAnExpOutOfRangeIsInvalid(String exp) {
        String claims = "\"iss\":\"any\",\"aud\":\"venueless\",\"exp\":" + exp + ",\"uid\":\"ada\"";
        assertInvalid(hs256("{" + claims + "}", FIRST), WORLD);
    }

    @Test
    void tokenWithDeeplyNestedClaimsIsInvalid() {
        assertInvalid(hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\",\"profile\":{\"x\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}", FIRST), WORLD);
    }

    @Test
    void tokenLongerThanAnyTicketSystemWritesIsInvalidUnread() {
        String longest = hs256("{" + FIRST_CLAIMS + ",\"uid\":\"ada\",\"profile\":{\"bio\":\""
                + "x".repeat(JwtAccessTokens.MAX_TOKEN_CHARS) + "\"}}", FIRST);
        assertInvalid(longest, WORLD);
    }

    // Tokens from the issuers venueless worked with

    @Test
    void tokenIssuedByPyJwtVerifies() throws Exception {
        TokenClaims claims = tokens.verify(PYJWT_TOKEN, WORLD);

        assertEquals(new TokenClaims("pretix-4711", List.of("attendee", "pretix-event-democon"),
                Map.of("display_name", "Ada"), "any", "venueless", Instant.ofEpochSecond(1_700_000_000),
                Instant.ofEpochSecond(1_700_086_400)), claims);
    }

    @Test
    void tokenShapedAsPyJwtMakesThemVerifies() throws Exception {
        long iat = NOW.getEpochSecond() - 60;
        long exp = iat + 86_400;
        String token = JWT.create()
                .withClaim("iss", "any")
                .withClaim("aud", "venueless")
                .withClaim("iat", iat)
                .withClaim("exp", exp)
                .withClaim("uid", "pretix-4711")
                .withClaim("traits", List.of("attendee", "pretix-event-democon"))
                .sign(Algorithm.HMAC256(FIRST.secret()));

        TokenClaims claims = tokens.verify(token, WORLD);

        assertEquals("pretix-4711", claims.uid());
        assertEquals(List.of("attendee", "pretix-event-democon"), claims.traits());
        assertEquals(Instant.ofEpochSecond(exp), claims.expiresAt());
    }

    // Helpers

    private static JwtAccessTokens at(Instant instant) {
        return new JwtAccessTokens(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private void assertInvalid(String token, List<JwtSecret> secrets) {
        assertInvalid(tokens, token, secrets);
    }

    private static void assertInvalid(JwtAccessTokens verifier, String token, List<JwtSecret> secrets) {
        assertRejected(verifier, token, secrets, Reason.INVALID, "invalid token");
    }

    private static void assertExpired(JwtAccessTokens verifier, String token, List<JwtSecret> secrets) {
        assertRejected(verifier, token, secrets, Reason.EXPIRED, "token expired");
    }

    private static void assertRejected(JwtAccessTokens verifier, String token, List<JwtSecret> secrets,
            Reason reason, String message) {
        TokenRejectedException rejection = assertThrows(TokenRejectedException.class,
                () -> verifier.verify(token, secrets));
        assertEquals(reason, rejection.reason());
        assertEquals(message, rejection.getMessage());
    }

    /** A token signed by hand, header as PyJWT writes it, so a test controls every byte of the payload. */
    private static String hs256(String payloadJson, JwtSecret secret) {
        String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.secret().getBytes(UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String json(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
    }

    private static String part(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), UTF_8);
    }
}
