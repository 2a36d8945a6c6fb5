package org.stoa.tokens;

/** One entry of a world's {@code JWT_secrets}: tokens signed with {@code secret} for this issuer and audience. */
public record JwtSecret(String issuer, String audience, String secret) {

    /** Hides the secret, so a logged or printed record never leaks it. */
    @Override
    public String toString() {
        return "JwtSecret[issuer=" + issuer + ", audience=" + audience + "]";
    }
}
