package org.stoa.vm.spoke.internal;

import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;

/** libvirt's errors as the spoke reports them: one line, naming what failed. */
final class LibvirtErrors {

    private LibvirtErrors() {
    }

    /** libvirt's message, first line only (some carry a multi-line detail). */
    static String message(LibvirtException e) {
        String message = e.getMessage() == null ? "unknown libvirt error" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    static boolean is(LibvirtException e, ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }

    /** {@code "could not <what>: <libvirt's reason>"}, e.g. "could not start capsul-…: …". */
    static SpokeException failed(String what, LibvirtException e) {
        return new SpokeException(Reason.FAILED, "could not " + what + ": " + message(e), e);
    }
}
