package org.stoa.vm.spoke.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stoa.shell.ShellVariable;
import org.stoa.vm.spoke.Hypervisor;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;
import org.stoa.vm.spoke.VmSpec;
import org.stoa.vm.spoke.VmStatus;

/**
 * This host's {@link Hypervisor} service, configured by {@code org.stoa.spoke}. libvirt is
 * reached on first use, so a host whose libvirt is down still runs; {@link #describe()} says why
 * it cannot serve, and every operation fails with that reason.
 */
@Component(service = Hypervisor.class, configurationPid = SpokeHypervisor.PID, property = {
        ShellVariable.NAME + "=spoke", ShellVariable.EXAMPLE + "=$spoke describe"})
@Designate(ocd = SpokeHypervisor.Config.class)
public final class SpokeHypervisor implements Hypervisor {

    public static final String PID = "org.stoa.spoke";
    /** Where the token is kept apart: etc/org.stoa.spoke.token.cfg, mode 0600 (bin/setenv makes it). */
    public static final String TOKEN_PID = "org.stoa.spoke.token";
    private static final String DISABLED = "VM spoke disabled on this host (" + PID + " enabled=false)";

    @ObjectClassDefinition(name = "Stoa VM spoke", description = "Runs this host's VMs through libvirt")
    public @interface Config {
        @AttributeDefinition(description = "Whether this host runs VMs for the hub (the shipped cfg reads STOA_SPOKE_ENABLED)")
        boolean enabled() default true;

        @AttributeDefinition(name = "libvirt URI", description = "Where libvirt is (the shipped cfg reads STOA_LIBVIRT_URI)")
        String libvirt__uri() default "qemu:///system";

        @AttributeDefinition(description = "libvirt storage pool holding the OS templates and the VMs' volumes; "
                + "left at \"default\", a host with one pool of another name uses that one")
        String pool() default "default";

        @AttributeDefinition(description = "libvirt network the VMs join")
        String network() default "default";

        @AttributeDefinition(description = "Memory (MiB) never given to VMs, left for the host itself; "
                + "-1: 1024, or a tenth of a host smaller than 10 GiB")
        int reserved__memory__mb() default -1;

        @AttributeDefinition(description = "This spoke's id in the hub's hosts table")
        String host__id() default "local";

        @AttributeDefinition(description = "This spoke's own base URL, as the hub reaches it")
        String spoke__url() default "http://127.0.0.1:8181";

        @AttributeDefinition(description = "The hub's base URL, where this spoke claims create operations")
        String hub__url() default "http://127.0.0.1:8181";
    }

    /**
     * This spoke's token (spoke:add prints it), configured by {@link #TOKEN_PID}: the hub presents
     * it when calling the spoke, the spoke when calling the hub. ".token" is a private property,
     * so no service shows it (service:list).
     */
    public @interface Token {
        String _token() default "";
    }

    private final Optional<LibvirtHypervisor> libvirt;

    /** STOA_SPOKE_ENABLED and STOA_LIBVIRT_URI reach {@code config} through the shipped etc/org.stoa.spoke.cfg. */
    @Activate
    public SpokeHypervisor(Config config) {
        libvirt = config.enabled() ? Optional.of(new LibvirtHypervisor(settings(config))) : Optional.empty();
    }

    static LibvirtSettings settings(Config config) {
        return new LibvirtSettings(config.libvirt__uri().strip(), config.pool(), config.network(),
                config.reserved__memory__mb());
    }

    @Deactivate
    void deactivate() {
        libvirt.ifPresent(LibvirtHypervisor::close);
    }

    @Override
    public boolean hasCapacity(int memoryMb) throws SpokeException {
        return libvirt().hasCapacity(memoryMb);
    }

    @Override
    public List<String> list() throws SpokeException {
        return libvirt().list();
    }

    @Override
    public Optional<VmStatus> get(String id) throws SpokeException {
        return libvirt().get(id);
    }

    @Override
    public void create(VmSpec spec) throws SpokeException {
        libvirt().create(spec);
    }

    @Override
    public String addTemplate(String name, java.nio.file.Path image) throws SpokeException {
        return libvirt().addTemplate(name, image);
    }

    @Override
    public void destroy(String id) throws SpokeException {
        libvirt().destroy(id);
    }

    @Override
    public void start(String id) throws SpokeException {
        libvirt().start(id);
    }

    @Override
    public void stop(String id) throws SpokeException {
        libvirt().stop(id);
    }

    @Override
    public void forceStop(String id) throws SpokeException {
        libvirt().forceStop(id);
    }

    @Override
    public String describe() {
        return libvirt.map(LibvirtHypervisor::describe).orElse(DISABLED);
    }

    private LibvirtHypervisor libvirt() throws SpokeException {
        return libvirt.orElseThrow(() -> new SpokeException(Reason.FAILED, DISABLED));
    }
}
