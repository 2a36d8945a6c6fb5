package org.stoa.tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Issues and verifies a world's HS256 access tokens. */
@ProviderType
public interface AccessTokens {

    /**
     * A token signed with {@code secret}: claims {@code iss}, {@code aud} from it,
     * {@code iat} now, {@code exp} after {@code validity}, {@code uid}, {@code traits}
     * and, when not empty, {@code profile}.
     */
    String issue(JwtSecret secret, String uid, List<String> traits, Map<String, Object> profile, Duration validity);

    /**
     * Verifies {@code token} against each secret in order and returns the claims of the
     * first that accepts it. Only HS256 is accepted; issuer and audience must match the
     * secret. When no secret accepts it, the rejection says {@link TokenRejectedException.Reason#EXPIRED}
     * if some secret found it correctly signed but expired, else {@code INVALID}.
     * <p>
     * A token without {@code exp} does not expire. Whoever signed it, a token is
     * {@code INVALID} when its {@code uid} is not a non-empty string, its {@code traits}
     * not an array of strings or its {@code profile} not an object; absent or null
     * {@code traits} and {@code profile} mean none.
     */
    TokenClaims verify(String token, List<JwtSecret> secrets) throws TokenRejectedException;
}
