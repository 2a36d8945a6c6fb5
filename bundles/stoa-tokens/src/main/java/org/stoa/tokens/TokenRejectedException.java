package org.stoa.tokens;

/** A token that does not grant access, and whether it merely expired. */
public final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Correctly signed for this world, but past its {@code exp}. */
        EXPIRED,
        /** Anything else: garbage, wrong signature, algorithm, issuer or audience, missing {@code uid}. */
        INVALID
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
