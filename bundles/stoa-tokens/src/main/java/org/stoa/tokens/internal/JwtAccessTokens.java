package org.stoa.tokens.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.stoa.shell.ShellVariable;
import org.stoa.tokens.AccessTokens;
import org.stoa.tokens.JwtSecret;
import org.stoa.tokens.TokenClaims;
import org.stoa.tokens.TokenRejectedException;
import org.stoa.tokens.TokenRejectedException.Reason;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;

/**
 * HS256 access tokens, checked as the venueless server checks them with PyJWT: against
 * each of the world's secrets in turn, issuer and audience required, {@code exp}
 * optional, {@link #LEEWAY_SECONDS} of leeway. Unlike PyJWT, which looks at {@code exp} first, an expired token
 * counts as expired only for a secret that matches its issuer and audience too.
 * Never logs a token or a secret.
 */
@Component(service = AccessTokens.class, property = {
        ShellVariable.NAME + "=tokens", ShellVariable.EXAMPLE + "=$tokens verify TOKEN (($worlds get WORLD) secrets)"})
public class JwtAccessTokens implements AccessTokens {

    private static final String UID = "uid";
    private static final String TRAITS = "traits";
    private static final String PROFILE = "profile";

    /** Most worlds' secrets never change; an operator adding worlds by the thousand only resets this. */
    private static final int MAX_VERIFIERS = 10_000;

    /**
     * Clock skew forgiven on {@code exp}, {@code iat} and {@code nbf}: tokens come from the
     * organiser's ticket system, whose clock is a second or two off Stoa's often enough that no
     * leeway turned fresh tokens away ("issued in the future") at login.
     */
    static final long LEEWAY_SECONDS = 5;

    /**
     * Longer tokens are invalid before anything decodes them: a ticket system's token with a profile
     * is well under a kilobyte, while a socket frame may carry a megabyte for java-jwt's own Jackson
     * mapper to decode and parse (its default limits cap numbers at 1000 digits and nesting, not size).
     */
    static final int MAX_TOKEN_CHARS = 32 * 1024;

    private final Clock clock;
    /**
     * A verifier per secret, built once: java-jwt's verifiers are immutable and thread-safe, and
     * building one for every login showed in profiles of a login crowd.
     */
    private final Map<JwtSecret, JWTVerifier> verifiers = new ConcurrentHashMap<>();

    public JwtAccessTokens() {
        this(Clock.systemUTC());
    }

    /** For tests: issues and checks expiry by {@code clock}. */
    JwtAccessTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(JwtSecret secret, String uid, List<String> traits, Map<String, Object> profile,
            Duration validity) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTCreator.Builder token = JWT.create()
                .withIssuer(secret.issuer())
                .withAudience(secret.audience())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(validity))
                .withClaim(UID, Objects.requireNonNull(uid, "uid"))
                .withClaim(TRAITS, List.copyOf(traits));
        if (profile != null && !profile.isEmpty()) {
            token.withClaim(PROFILE, profile);
        }
        return token.sign(Algorithm.HMAC256(secret.secret()));
    }

    @Override
    public TokenClaims verify(String token, List<JwtSecret> secrets) throws TokenRejectedException {
        DecodedJWT decoded = decode(token);
        Holder holder = Holder.of(decoded);
        boolean expired = false;
        for (JwtSecret secret : secrets) {
            // What java-jwt makes of a null issuer or audience is murky: such an entry accepts nothing.
            if (secret.issuer() == null || secret.audience() == null || secret.secret() == null) {
                continue;
            }
            try {
                verifierFor(secret).verify(decoded);
                return new TokenClaims(holder.uid(), holder.traits(), holder.profile(), secret.issuer(),
                        secret.audience(), decoded.getIssuedAtAsInstant(), decoded.getExpiresAtAsInstant());
            } catch (TokenExpiredException e) {
                // java-jwt checks exp only after algorithm, signature, issuer and audience passed.
                expired = true;
            } catch (JWTVerificationException e) {
                // Not this secret's token; a later one may accept it.
            }
        }
        throw expired ? new TokenRejectedException(Reason.EXPIRED, "token expired") : invalid();
    }

    private JWTVerifier verifierFor(JwtSecret secret) {
        if (verifiers.size() > MAX_VERIFIERS) {
            verifiers.clear();
        }
        return verifiers.computeIfAbsent(secret, this::newVerifier);
    }

    private JWTVerifier newVerifier(JwtSecret secret) {
        JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT
                .require(Algorithm.HMAC256(secret.secret()))
                .withIssuer(secret.issuer())
                .withAudience(secret.audience())
                .acceptLeeway(LEEWAY_SECONDS);
        return verification.build(clock);
    }

    private static DecodedJWT decode(String token) throws TokenRejectedException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw invalid();
        }
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw invalid();
        }
        try {
            decoded.getAlgorithm();
            decoded.getClaims();
        } catch (NullPointerException e) {
            // java-jwt 4.6.2 decodes a header or payload of JSON null to nothing instead of failing.
            throw invalid();
        }
        return decoded;
    }

    private static TokenRejectedException invalid() {
        return new TokenRejectedException(Reason.INVALID, "invalid token");
    }

    /**
     * The claims Stoa reads about the holder, in the shapes it needs: a token that carries
     * them in another shape is invalid whoever signed it.
     */
    private record Holder(String uid, List<String> traits, Map<String, Object> profile) {

        static Holder of(DecodedJWT token) throws TokenRejectedException {
            try {
                return new Holder(uid(token.getClaim(UID)), traits(token.getClaim(TRAITS)),
                        profile(token.getClaim(PROFILE)));
            } catch (JWTDecodeException e) {
                throw invalid();
            }
        }

        private static String uid(Claim claim) throws TokenRejectedException {
            String uid = claim.asString();
            if (uid == null || uid.isEmpty()) {
                throw invalid();
            }
            return uid;
        }

        /** Absent or null means none, as venueless reads it ({@code traits or []}). */
        private static List<String> traits(Claim claim) throws TokenRejectedException {
            if (claim.isMissing() || claim.isNull()) {
                return List.of();
            }
            List<Object> values = claim.asList(Object.class);
            if (values == null || !values.stream().allMatch(String.class::isInstance)) {
                throw invalid();
            }
            return values.stream().map(String.class::cast).toList();
        }

        /** Absent or null means none ({@code profile or {}}); anything but an object is invalid. */
        private static Map<String, Object> profile(Claim claim) throws TokenRejectedException {
            if (claim.isMissing() || claim.isNull()) {
                return Map.of();
            }
            Map<String, Object> profile = claim.asMap();
            if (profile == null) {
                throw invalid();
            }
            // A copy that keeps JSON nulls, which Map.copyOf would refuse.
            return Collections.unmodifiableMap(new LinkedHashMap<>(profile));
        }
    }
}
