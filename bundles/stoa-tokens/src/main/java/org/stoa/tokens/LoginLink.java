package org.stoa.tokens;

import java.time.Instant;

/** A short code standing for a long token, as {@code https://<domain>/login/<code>}. */
public record LoginLink(String code, String worldId, String domain, String token, Instant expires) {

    /** The address an operator hands out. */
    public String shortUrl() {
        return "https://" + domain + "/login/" + code;
    }

    /** Where the short link leads: the client with the token in its fragment. */
    public String tokenUrl() {
        return "https://" + domain + redirectPath();
    }

    /**
     * Where {@code GET /login/<code>} sends the browser: the client on the same host, the token in
     * its fragment. Relative, so it holds behind whatever proxy serves the world's domain.
     */
    public String redirectPath() {
        return "/#token=" + token;
    }

    @Override
    public String toString() {
        return "LoginLink[code=" + code + ", world=" + worldId + "]";
    }
}
