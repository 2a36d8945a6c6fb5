package org.stoa.vm.spoke.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * The native libvirt objects one operation obtained, freed when it ends. libvirt-java would
 * free them only when the garbage collector finalizes them; until then each holds a reference
 * on the connection (and on test:///default keeps that in-memory host alive).
 */
final class Handles implements AutoCloseable {

    @FunctionalInterface
    private interface Free {
        int free() throws LibvirtException;
    }

    private final Deque<Free> held = new ArrayDeque<>();

    Domain domain(Domain domain) {
        held.push(domain::free);
        return domain;
    }

    StoragePool pool(StoragePool pool) {
        held.push(pool::free);
        return pool;
    }

    StorageVol volume(StorageVol volume) {
        held.push(volume::free);
        return volume;
    }

    Stream stream(Stream stream) {
        held.push(stream::free);
        return stream;
    }

    /** Frees everything, newest first; a failure to free one must not keep the others. */
    @Override
    public void close() {
        while (!held.isEmpty()) {
            try {
                held.pop().free();
            } catch (LibvirtException e) {
                // Nothing to do about it: the object is gone either way.
            }
        }
    }
}
