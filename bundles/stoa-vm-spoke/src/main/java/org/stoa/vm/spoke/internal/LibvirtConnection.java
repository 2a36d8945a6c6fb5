package org.stoa.vm.spoke.internal;

import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;

/**
 * One connection to libvirt, opened on first use and reopened when it died (libvirtd
 * restarted). libvirt connections are thread-safe, so operations share it.
 */
final class LibvirtConnection implements AutoCloseable {

    static final String MISSING_LIBRARY =
            "libvirt is not available: the native library libvirt.so.0 could not be loaded (Debian package libvirt0)";

    // libvirt prints every error to stderr unless told otherwise; ours become SpokeExceptions.
    // Kept in a field: a JNA callback that is garbage-collected crashes the native side.
    private static final ErrorCallback SILENCE = new ErrorCallback();

    private final String uri;
    private Connect connect;

    LibvirtConnection(String uri) {
        this.uri = uri;
    }

    String uri() {
        return uri;
    }

    synchronized Connect get() throws SpokeException {
        if (connect != null && alive(connect)) {
            return connect;
        }
        close();
        try {
            Connect.setErrorCallback(SILENCE);
            connect = new Connect(uri);
            return connect;
        } catch (LibvirtException e) {
            throw new SpokeException(Reason.FAILED, "cannot reach libvirt at " + uri + ": " + LibvirtErrors.message(e), e);
        } catch (LinkageError e) {
            throw new SpokeException(Reason.FAILED, MISSING_LIBRARY, e);
        }
    }

    @Override
    public synchronized void close() {
        if (connect != null) {
            try {
                connect.close();
            } catch (LibvirtException e) {
                // Closing a connection that already broke: nothing left to release.
            }
            connect = null;
        }
    }

    private static boolean alive(Connect connect) {
        try {
            return connect.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }
}
