package org.stoa.vm.spoke.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.stoa.vm.spoke.SpokeException;

/**
 * libvirt's built-in test host (test:///default), seen from the outside: the operator's view
 * the tests check the spoke against. All connections open at one time share one in-memory
 * host; once every connection and object is released, the next connection gets a fresh one
 * (3 GiB of memory, a running domain "test" using 2 GiB, pool "default-pool", network
 * "default"), so each test that closes what it opened starts clean.
 */
final class TestHost implements AutoCloseable {

    static final String URI = "test:///default";
    static final String POOL = "default-pool";
    static final String NETWORK = "default";
    static final String TEMPLATE = "debian-12.qcow2";
    static final long TEMPLATE_BYTES = 10L << 30;

    private final LibvirtConnection connection = new LibvirtConnection(URI);

    /** Opens the host and puts a 10 GiB OS template in its pool, as an operator would. */
    TestHost() throws SpokeException, LibvirtException {
        this(TEMPLATE_BYTES);
    }

    /** The test pool holds 100 GiB, and its volumes take all their capacity at once. */
    TestHost(long templateBytes) throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            handles.volume(pool(handles).storageVolCreateXML("<volume><name>" + TEMPLATE + "</name><capacity>"
                    + templateBytes + "</capacity><target><format type='qcow2'/></target></volume>", 0));
        }
    }

    static LibvirtSettings settings(int reservedMemoryMb) {
        return new LibvirtSettings(URI, POOL, NETWORK, reservedMemoryMb);
    }

    List<String> domainNames() throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            List<String> names = new ArrayList<>();
            for (Domain domain : connect().listAllDomains(0)) {
                names.add(handles.domain(domain).getName());
            }
            return names;
        }
    }

    List<String> volumeNames() throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            return List.of(pool(handles).listVolumes());
        }
    }

    Optional<String> volumeXml(String name) throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            if (!volumeNames().contains(name)) {
                return Optional.empty();
            }
            StorageVol volume = handles.volume(pool(handles).storageVolLookupByName(name));
            return Optional.of(volume.getXMLDesc(0));
        }
    }

    String domainXml(String name) throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            return handles.domain(connect().domainLookupByName(name)).getXMLDesc(0);
        }
    }

    boolean autostarts(String name) throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            return handles.domain(connect().domainLookupByName(name)).getAutostart();
        }
    }

    /** Pauses the domain, as {@code virsh suspend} would. */
    void suspend(String name) throws SpokeException, LibvirtException {
        try (Handles handles = new Handles()) {
            handles.domain(connect().domainLookupByName(name)).suspend();
        }
    }

    private StoragePool pool(Handles handles) throws SpokeException, LibvirtException {
        return handles.pool(connect().storagePoolLookupByName(POOL));
    }

    private Connect connect() throws SpokeException {
        return connection.get();
    }

    @Override
    public void close() {
        connection.close();
    }
}
