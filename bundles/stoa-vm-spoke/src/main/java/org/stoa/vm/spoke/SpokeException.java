package org.stoa.vm.spoke;

/** A refused or failed VM operation; the message is one line a user may be shown. */
public final class SpokeException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The request itself is wrong (bad id, size, template or SSH key). */
        INVALID,
        /** No such VM on this host. */
        NOT_FOUND,
        /** The request clashes with this host's state: the VM exists already, or it does not fit. */
        CONFLICT,
        /** libvirt is unreachable or refused the operation. */
        FAILED
    }

    private final Reason reason;

    public SpokeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SpokeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
