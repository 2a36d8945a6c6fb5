package org.stoa.vm.spoke.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.shell.CallerFiles;
import org.stoa.vm.spoke.Hypervisor;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;
import org.stoa.vm.spoke.VmSpec;
import org.stoa.vm.spoke.VmStatus;

/** This host's VMs, driven through libvirt-java on the configured URI. */
public final class LibvirtHypervisor implements Hypervisor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);
    private static final int ACTIVE_DOMAINS = 1; // VIR_CONNECT_LIST_DOMAINS_ACTIVE
    private static final int ADDRESSES_FROM_LEASES = 0; // VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE

    private final LibvirtSettings settings;
    private final LibvirtConnection connection;
    // Creating and destroying check, then change, the host's state: one at a time, so two
    // requests for the same VM cannot interleave.
    private final Object changes = new Object();

    public LibvirtHypervisor(LibvirtSettings settings) {
        this.settings = settings;
        this.connection = new LibvirtConnection(settings.uri());
    }

    /**
     * Committed memory, not the host's free memory: guests touch their memory lazily, so free
     * memory overstates what is left. Running domains count with their current allocation.
     */
    @Override
    public boolean hasCapacity(int memoryMb) throws SpokeException {
        VmSpecs.requireMemory(memoryMb);
        return freeMemoryMb() >= memoryMb;
    }

    private long freeMemoryMb() throws SpokeException {
        Connect connect = connection.get();
        try (Handles handles = new Handles()) {
            long committedKiB = 0;
            for (Domain domain : connect.listAllDomains(ACTIVE_DOMAINS)) {
                committedKiB += handles.domain(domain).getInfo().memory;
            }
            long totalKiB = connect.nodeInfo().memory;
            long totalMb = totalKiB / 1024;
            return totalMb - committedKiB / 1024 - reserveMb(totalMb);
        } catch (LibvirtException e) {
            throw LibvirtErrors.failed("read this host's memory", e);
        }
    }

    @Override
    public List<String> list() throws SpokeException {
        Connect connect = connection.get();
        try (Handles handles = new Handles()) {
            List<String> ids = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                String name = handles.domain(domain).getName();
                if (VmSpecs.isVmId(name)) {
                    ids.add(name);
                }
            }
            ids.sort(null);
            return ids;
        } catch (LibvirtException e) {
            throw LibvirtErrors.failed("list the VMs", e);
        }
    }

    @Override
    public Optional<VmStatus> get(String id) throws SpokeException {
        VmSpecs.requireId(id);
        try (Handles handles = new Handles()) {
            Optional<Domain> found = findDomain(handles, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Domain domain = found.get();
            DomainInfo info = domain.getInfo();
            List<String> ipv4 = new ArrayList<>();
            List<String> ipv6 = new ArrayList<>();
            // Addresses come from the network's DHCP leases, which only a running guest holds.
            if (domain.isActive() == 1) {
                for (DomainInterface nic : domain.interfaceAddresses(ADDRESSES_FROM_LEASES, 0)) {
                    for (DomainInterface.InterfaceAddress address : nic.addrs) {
                        (address.address instanceof Inet4Address ? ipv4 : ipv6).add(address.address.getHostAddress());
                    }
                }
            }
            return Optional.of(new VmStatus(id, DomainStates.of(info.state), ipv4, ipv6));
        } catch (LibvirtException e) {
            throw LibvirtErrors.failed("read the state of " + id, e);
        }
    }

    @Override
    public void create(VmSpec spec) throws SpokeException {
        VmSpecs.requireValid(spec);
        String id = spec.id();
        VmVolumes volumes = VmVolumes.of(id);
        synchronized (changes) {
            try (Handles handles = new Handles()) {
                if (findDomain(handles, id).isPresent()) {
                    throw new SpokeException(Reason.CONFLICT, "VM " + id + " already exists");
                }
                StoragePool pool = pool(handles);
                String poolName = pool.getName();
                for (String name : volumes.names()) {
                    if (findVolume(handles, pool, name).isPresent()) {
                        throw new SpokeException(Reason.CONFLICT,
                                "cannot create " + id + ": volume " + name + " already exists in pool " + pool.getName());
                    }
                }
                StorageVol template = findVolume(handles, pool, spec.template()).orElseThrow(() -> new SpokeException(
                        Reason.FAILED, "cannot create " + id + ": template " + spec.template()
                                + " not found in storage pool " + poolName + " (add it with spoke:template-add "
                                + spec.template() + " IMAGE)"));
                long freeMb = freeMemoryMb();
                if (freeMb < spec.memoryMb()) {
                    throw new SpokeException(Reason.CONFLICT, "cannot create " + id + ": it needs " + spec.memoryMb()
                            + " MiB of memory and this host has " + Math.max(0, freeMb) + " MiB left");
                }
                build(handles, spec, pool, template, volumes);
            } catch (LibvirtException e) {
                throw LibvirtErrors.failed("create " + id, e);
            }
        }
    }

    /** Disk, seed, domain, start; if any step fails, the steps done so far are undone, newest first. */
    private void build(Handles handles, VmSpec spec, StoragePool pool, StorageVol template, VmVolumes volumes)
            throws LibvirtException, SpokeException {
        Deque<Undo> undo = new ArrayDeque<>();
        try {
            StorageVol disk = handles.volume(pool.storageVolCreateXML(VolumeXml.copyOnWrite(volumes.disk(),
                    template.getInfo().capacity, template.getPath(), VolumeXml.format(template.getXMLDesc(0))), 0));
            undo.push(() -> disk.delete(0));
            byte[] seedImage = CloudInitSeed.image(spec.id(), spec.sshKeys(), Instant.now());
            StorageVol seed = handles.volume(pool.storageVolCreateXML(VolumeXml.raw(volumes.seed(), seedImage.length), 0));
            undo.push(() -> seed.delete(0));
            upload(handles, spec.id(), seed, seedImage);
            Domain domain = handles.domain(connection.get().domainDefineXML(
                    DomainXml.of(spec, pool.getName(), settings.network(), volumes)));
            undo.push(domain::undefine);
            domain.setAutostart(true);
            domain.create();
        } catch (LibvirtException | SpokeException | RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (LibvirtException undoFailed) {
                    LOG.warn("Cleaning up after the failed creation of {}: {}", spec.id(),
                            LibvirtErrors.message(undoFailed));
                }
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Undo {
        void run() throws LibvirtException;
    }

    /**
     * Streams the seed image into its volume. A driver without volume upload (libvirt's test
     * driver is one; qemu:///system uploads into local pools: dir, fs, logical) refuses before
     * any byte moves. The VM is then still created, with an empty seed, so it boots without the
     * account's keys: the log says so, naming the VM.
     */
    private void upload(Handles handles, String id, StorageVol seed, byte[] image) throws LibvirtException, SpokeException {
        Stream stream = handles.stream(connection.get().streamNew(0));
        try {
            seed.upload(stream, 0, image.length, 0);
        } catch (LibvirtException e) {
            abandon(stream);
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                LOG.warn("libvirt at {} cannot upload volumes: the cloud-init seed of {} stays empty", connection.uri(), id);
                return;
            }
            throw e;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(image);
            while (bytes.hasRemaining()) {
                stream.write(bytes);
            }
            stream.finish();
        } catch (IOException | LibvirtException e) {
            abandon(stream);
            throw new SpokeException(Reason.FAILED, "could not upload the cloud-init seed of " + id + ": "
                    + (e.getCause() instanceof LibvirtException cause ? LibvirtErrors.message(cause) : e.getMessage()), e);
        }
    }

    private static void abandon(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException e) {
            // The transfer failed already; that failure is the one worth reporting.
        }
    }

    @Override
    public String addTemplate(String name, Path image) throws SpokeException {
        VmSpecs.requireTemplateName(name);
        long size;
        String format;
        try (InputStream in = Files.newInputStream(image)) {
            size = Files.size(image);
            byte[] magic = in.readNBytes(4);
            // qcow2 images start with "QFI" and 0xfb; anything else is taken as a raw disk.
            format = magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb
                    ? "qcow2" : "raw";
        } catch (IOException e) {
            throw new SpokeException(Reason.INVALID, "cannot read the image " + image + ": " + CallerFiles.reason(e));
        }
        synchronized (changes) {
            try (Handles handles = new Handles()) {
                StoragePool pool = pool(handles);
                if (findVolume(handles, pool, name).isPresent()) {
                    throw new SpokeException(Reason.CONFLICT, "template " + name + " already exists in pool " + pool.getName());
                }
                StorageVol volume = handles.volume(pool.storageVolCreateXML(VolumeXml.sized(name, size, format), 0));
                try {
                    return uploadFile(handles, volume, image, size)
                            ? "Template " + name + " (" + format + ", " + size + " bytes) added to pool " + pool.getName() + "."
                            : "Template " + name + " added to pool " + pool.getName() + " without content: libvirt at "
                                    + connection.uri() + " cannot upload volumes.";
                } catch (LibvirtException | SpokeException | RuntimeException e) {
                    volume.delete(0);
                    throw e;
                }
            } catch (LibvirtException e) {
                throw LibvirtErrors.failed("add template " + name, e);
            }
        }
    }

    /** Streams the file into the volume; false when the driver cannot upload at all. */
    private boolean uploadFile(Handles handles, StorageVol volume, Path image, long size)
            throws LibvirtException, SpokeException {
        Stream stream = handles.stream(connection.get().streamNew(0));
        try {
            volume.upload(stream, 0, size, 0);
        } catch (LibvirtException e) {
            abandon(stream);
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                return false;
            }
            throw e;
        }
        try (InputStream in = Files.newInputStream(image)) {
            byte[] chunk = new byte[1 << 20];
            int read;
            while ((read = in.read(chunk)) > 0) {
                ByteBuffer bytes = ByteBuffer.wrap(chunk, 0, read);
                while (bytes.hasRemaining()) {
                    stream.write(bytes);
                }
            }
            stream.finish();
            return true;
        } catch (IOException | LibvirtException e) {
            abandon(stream);
            throw new SpokeException(Reason.FAILED, "could not upload the image " + image + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy(String id) throws SpokeException {
        VmSpecs.requireId(id);
        synchronized (changes) {
            try (Handles handles = new Handles()) {
                Optional<Domain> domain = findDomain(handles, id);
                StoragePool pool = pool(handles);
                List<StorageVol> volumes = new ArrayList<>();
                for (String name : VmVolumes.of(id).names()) {
                    findVolume(handles, pool, name).ifPresent(volumes::add);
                }
                if (domain.isEmpty() && volumes.isEmpty()) {
                    throw notFound(id);
                }
                if (domain.isPresent()) {
                    // An undefined domain that still runs lives on as a transient one: stop it first.
                    if (domain.get().isActive() == 1) {
                        domain.get().destroy();
                    }
                    domain.get().undefine();
                }
                for (StorageVol volume : volumes) {
                    volume.delete(0);
                }
            } catch (LibvirtException e) {
                throw LibvirtErrors.failed("destroy " + id, e);
            }
        }
    }

    @Override
    public void start(String id) throws SpokeException {
        onDomain(id, "start", false, Domain::create);
    }

    @Override
    public void stop(String id) throws SpokeException {
        onDomain(id, "stop", true, Domain::shutdown);
    }

    @Override
    public void forceStop(String id) throws SpokeException {
        onDomain(id, "force-stop", true, Domain::destroy);
    }

    @FunctionalInterface
    private interface DomainAction {
        void apply(Domain domain) throws LibvirtException;
    }

    /** Applies {@code action} to the VM if it is in the state the action starts from, else leaves it be. */
    private void onDomain(String id, String verb, boolean whenActive, DomainAction action) throws SpokeException {
        VmSpecs.requireId(id);
        try (Handles handles = new Handles()) {
            Domain domain = findDomain(handles, id).orElseThrow(() -> notFound(id));
            if ((domain.isActive() == 1) == whenActive) {
                action.apply(domain);
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.failed(verb + " " + id, e);
        }
    }

    @Override
    public String describe() {
        try {
            Connect connect = connection.get();
            return "libvirt at " + settings.uri() + ": reachable (libvirt " + version(Library.getVersion())
                    + ", driver " + connect.getType() + ")";
        } catch (SpokeException e) {
            String reason = e.getCause() instanceof LibvirtException cause ? LibvirtErrors.message(cause) : e.getMessage();
            return "libvirt at " + settings.uri() + ": unreachable (" + reason + ")";
        } catch (LibvirtException e) {
            return "libvirt at " + settings.uri() + ": unreachable (" + LibvirtErrors.message(e) + ")";
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private Optional<Domain> findDomain(Handles handles, String id) throws SpokeException, LibvirtException {
        try {
            return Optional.of(handles.domain(connection.get().domainLookupByName(id)));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Memory kept for the host: as configured, or, when not configured, 1 GiB but at most a tenth of a small host. */
    private long reserveMb(long totalMb) {
        return settings.reservedMemoryMb() >= 0 ? settings.reservedMemoryMb() : Math.min(1024, totalMb / 10);
    }

    /**
     * The configured pool. Left at its default name, a host without a pool of that name but
     * with exactly one pool uses that one, as an operator with a single pool would expect.
     */
    private StoragePool pool(Handles handles) throws SpokeException, LibvirtException {
        Connect connect = connection.get();
        try {
            return handles.pool(connect.storagePoolLookupByName(settings.pool()));
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
                throw e;
            }
            String[] pools = connect.listStoragePools();
            if (LibvirtSettings.DEFAULT_POOL.equals(settings.pool()) && pools.length == 1) {
                return handles.pool(connect.storagePoolLookupByName(pools[0]));
            }
            throw new SpokeException(Reason.FAILED, "storage pool " + settings.pool() + " not found at " + settings.uri()
                    + " (set pool in etc/org.stoa.spoke.cfg)");
        }
    }

    private static Optional<StorageVol> findVolume(Handles handles, StoragePool pool, String name) throws LibvirtException {
        try {
            return Optional.of(handles.volume(pool.storageVolLookupByName(name)));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static SpokeException notFound(String id) {
        return new SpokeException(Reason.NOT_FOUND, "no VM " + id + " on this host");
    }

    /** libvirt counts versions as major * 1,000,000 + minor * 1,000 + release. */
    private static String version(long number) {
        return number / 1_000_000 + "." + number / 1000 % 1000 + "." + number % 1000;
    }
}
