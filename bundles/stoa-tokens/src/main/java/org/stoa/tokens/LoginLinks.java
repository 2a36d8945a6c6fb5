package org.stoa.tokens;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Stores short login links; {@code GET /login/{code}} resolves them. */
@ProviderType
public interface LoginLinks {

    /** Stores a new link with a fresh 24-character code of letters and digits. */
    LoginLink create(String worldId, String domain, String token, Instant expires);

    /** The link with this code, if it exists and has not expired. */
    Optional<LoginLink> find(String code);
}
