package org.stoa.vm.spoke.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;
import org.stoa.vm.spoke.SshKeys;
import org.stoa.vm.spoke.VmSpec;
import org.stoa.vm.spoke.VmState;
import org.stoa.vm.spoke.VmStatus;

/** The spoke against libvirt's test driver, through the real libvirt0 library. */
class LibvirtHypervisorTest {

    private static final String ID = "capsul-ab12cd34ef";
    private static final VmSpec SPEC = new VmSpec(ID, 2, 512, TestHost.TEMPLATE, List.of(SshKeys.ED25519));

    private TestHost host;
    private LibvirtHypervisor spoke;

    @BeforeEach
    void openFreshTestHost() throws Exception {
        spoke = new LibvirtHypervisor(TestHost.settings(0));
        host = new TestHost();
    }

    @AfterEach
    void releaseTestHost() {
        spoke.close();
        if (host != null) { // opening it failed, and said why
            host.close();
        }
    }

    private static SpokeException refused(Reason reason, Executable operation) {
        SpokeException e = assertThrows(SpokeException.class, operation);
        assertEquals(reason, e.reason(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void aCreatedVmIsListedAndRunsWithAnAddressFromTheNetwork() throws Exception {
        spoke.create(SPEC);

        assertEquals(List.of(ID), spoke.list());
        VmStatus status = spoke.get(ID).orElseThrow();
        assertEquals(VmState.RUNNING, status.state());
        assertEquals(1, status.ipv4().size(), status.toString());
        assertTrue(status.ipv4().get(0).startsWith("192.168.122."), status.toString());
        assertEquals(List.of(), status.ipv6(), "the test network has no IPv6");
    }

    @Test
    void theDomainIsDefinedFromTheSpecAndStartsWithTheHost() throws Exception {
        spoke.create(SPEC);

        String xml = host.domainXml(ID);
        assertTrue(xml.contains("<memory unit='KiB'>524288</memory>"), xml);
        assertTrue(xml.contains("<vcpu placement='static'>2</vcpu>"), xml);
        assertTrue(xml.contains("<source pool='default-pool' volume='" + ID + ".qcow2'/>"), xml);
        assertTrue(xml.contains("<source pool='default-pool' volume='" + ID + "-cidata.iso'/>"), xml);
        assertTrue(xml.contains("<source network='default'/>"), xml);
        assertTrue(xml.contains("<acpi/>"), "a graceful stop needs ACPI: " + xml);
        assertTrue(host.autostarts(ID));
    }

    @Test
    void theDiskIsACopyOnWriteOfTheTemplate() throws Exception {
        spoke.create(SPEC);

        String disk = host.volumeXml(ID + ".qcow2").orElseThrow();
        assertTrue(disk.contains("<format type='qcow2'/>"), disk);
        assertTrue(disk.contains("<backingStore>\n    <path>/default-pool/" + TestHost.TEMPLATE + "</path>"), disk);
        assertTrue(disk.contains("<capacity unit='bytes'>" + TestHost.TEMPLATE_BYTES + "</capacity>"), disk);
    }

    @Test
    void theSeedVolumeIsSizedForTheCloudInitImage() throws Exception {
        spoke.create(SPEC);

        // The test driver cannot upload volume contents, so only the volume itself can be checked.
        String seed = host.volumeXml(ID + "-cidata.iso").orElseThrow();
        assertTrue(seed.matches("(?s).*<capacity unit='bytes'>\\d+</capacity>.*"), seed);
        long size = Long.parseLong(seed.replaceFirst("(?s).*<capacity unit='bytes'>(\\d+)</capacity>.*", "$1"));
        assertEquals(0, size % IsoImage.SECTOR);
        assertTrue(size >= 26 * IsoImage.SECTOR, "descriptors, tables, directories and two files: " + size);
    }

    @Test
    void stopStartAndForceStopMoveTheVmBetweenRunningAndStopped() throws Exception {
        spoke.create(SPEC);

        spoke.stop(ID);
        assertEquals(VmState.STOPPED, spoke.get(ID).orElseThrow().state());
        assertEquals(List.of(), spoke.get(ID).orElseThrow().ipv4(), "a stopped VM holds no lease");
        spoke.start(ID);
        assertEquals(VmState.RUNNING, spoke.get(ID).orElseThrow().state());
        spoke.forceStop(ID);
        assertEquals(VmState.STOPPED, spoke.get(ID).orElseThrow().state());
    }

    @Test
    void startingARunningVmOrStoppingAStoppedOneChangesNothing() throws Exception {
        spoke.create(SPEC);

        spoke.start(ID);
        assertEquals(VmState.RUNNING, spoke.get(ID).orElseThrow().state());
        spoke.forceStop(ID);
        spoke.stop(ID);
        spoke.forceStop(ID);
        assertEquals(VmState.STOPPED, spoke.get(ID).orElseThrow().state());
    }

    @Test
    void aPausedDomainIsReportedPaused() throws Exception {
        spoke.create(SPEC);
        host.suspend(ID);

        assertEquals(VmState.PAUSED, spoke.get(ID).orElseThrow().state());
    }

    @Test
    void destroyRemovesTheRunningVmAndItsVolumes() throws Exception {
        spoke.create(SPEC);

        spoke.destroy(ID);

        assertEquals(List.of(), spoke.list());
        assertEquals(Optional.empty(), spoke.get(ID));
        assertEquals(List.of("test"), host.domainNames());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
    }

    @Test
    void destroyRemovesAStoppedVmToo() throws Exception {
        spoke.create(SPEC);
        spoke.forceStop(ID);

        spoke.destroy(ID);

        assertEquals(List.of("test"), host.domainNames());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
    }

    @Test
    void operationsOnAnUnknownVmSaySoByName() throws Exception {
        assertEquals(Optional.empty(), spoke.get(ID));
        assertEquals("no VM " + ID + " on this host", refused(Reason.NOT_FOUND, () -> spoke.destroy(ID)).getMessage());
        refused(Reason.NOT_FOUND, () -> spoke.start(ID));
        refused(Reason.NOT_FOUND, () -> spoke.stop(ID));
        refused(Reason.NOT_FOUND, () -> spoke.forceStop(ID));
    }

    @Test
    void onlyCapsulDomainsAreListed() throws Exception {
        assertEquals(List.of("test"), host.domainNames());
        assertEquals(List.of(), spoke.list());
    }

    @Test
    void aSecondVmWithTheSameIdIsRefused() throws Exception {
        spoke.create(SPEC);

        assertEquals("VM " + ID + " already exists", refused(Reason.CONFLICT, () -> spoke.create(SPEC)).getMessage());
        assertEquals(VmState.RUNNING, spoke.get(ID).orElseThrow().state());
    }

    @Test
    void aTemplateMissingFromThePoolIsNamedAndNothingIsLeftBehind() throws Exception {
        VmSpec spec = new VmSpec(ID, 1, 512, "ubuntu-24.04.qcow2", List.of(SshKeys.ED25519));

        SpokeException e = refused(Reason.FAILED, () -> spoke.create(spec));

        assertEquals("cannot create " + ID + ": template ubuntu-24.04.qcow2 not found in storage pool default-pool "
                + "(add it with spoke:template-add ubuntu-24.04.qcow2 IMAGE)", e.getMessage());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
        assertEquals(List.of(), spoke.list());
    }

    @Test
    void aFailedCreationUndoesWhatItDid() throws Exception {
        releaseTestHost();
        // A 50 GiB template less 1 KiB: its copy fits the 100 GiB pool, the seed after it does not.
        spoke = new LibvirtHypervisor(TestHost.settings(0));
        host = new TestHost((50L << 30) - 1024);

        SpokeException e = refused(Reason.FAILED, () -> spoke.create(SPEC));

        assertTrue(e.getMessage().startsWith("could not create " + ID + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("Not enough free space"), e.getMessage());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames(), "the disk made before the failure is gone");
        assertEquals(List.of(), spoke.list());
    }

    @Test
    void capacityCountsTheMemoryOfRunningDomains() throws Exception {
        // 3072 MiB on the test host, 2048 MiB of it used by its running domain "test".
        assertTrue(spoke.hasCapacity(1024));
        assertFalse(spoke.hasCapacity(1025));

        spoke.create(SPEC);
        assertTrue(spoke.hasCapacity(512));
        assertFalse(spoke.hasCapacity(513));

        spoke.forceStop(ID);
        assertTrue(spoke.hasCapacity(1024), "a stopped VM holds no memory");
    }

    @Test
    void capacityKeepsTheHostsReserveFree() throws Exception {
        try (LibvirtHypervisor reserving = new LibvirtHypervisor(TestHost.settings(512))) {
            assertTrue(reserving.hasCapacity(512));
            assertFalse(reserving.hasCapacity(513));
        }
    }

    @Test
    void withoutAConfiguredReserveASmallHostKeepsATenthOfItsMemory() throws Exception {
        // The test host has 3 GiB, 2 GiB of it taken by its demo domain: 1024 - 307 MiB are left.
        try (LibvirtHypervisor automatic = new LibvirtHypervisor(TestHost.settings(-1))) {
            assertTrue(automatic.hasCapacity(717));
            assertFalse(automatic.hasCapacity(718));
        }
    }

    @Test
    void thePoolLeftAtItsDefaultNameIsTheHostsOnlyPool() throws Exception {
        LibvirtSettings defaults = new LibvirtSettings(TestHost.URI, LibvirtSettings.DEFAULT_POOL, TestHost.NETWORK, 0);
        try (LibvirtHypervisor spokeWithDefaults = new LibvirtHypervisor(defaults)) {
            spokeWithDefaults.create(SPEC);
            assertEquals(VmState.RUNNING, spokeWithDefaults.get(ID).orElseThrow().state());
        }
    }

    @Test
    void aPoolNamedInTheConfigurationMustExist() throws Exception {
        LibvirtSettings named = new LibvirtSettings(TestHost.URI, "vms", TestHost.NETWORK, 0);
        try (LibvirtHypervisor misconfigured = new LibvirtHypervisor(named)) {
            SpokeException e = refused(Reason.FAILED, () -> misconfigured.create(SPEC));
            assertEquals("storage pool vms not found at test:///default (set pool in etc/org.stoa.spoke.cfg)", e.getMessage());
        }
    }

    @Test
    void aVmThatDoesNotFitIsRefusedBeforeAnythingIsMade() throws Exception {
        VmSpec big = new VmSpec(ID, 1, 2048, TestHost.TEMPLATE, List.of(SshKeys.ED25519));

        SpokeException e = refused(Reason.CONFLICT, () -> spoke.create(big));

        assertEquals("cannot create " + ID + ": it needs 2048 MiB of memory and this host has 1024 MiB left",
                e.getMessage());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
    }

    @Test
    void invalidRequestsAreRefusedWithoutChangingTheHost() throws Exception {
        refused(Reason.INVALID, () -> spoke.create(new VmSpec("capsul-BAD", 1, 512, TestHost.TEMPLATE,
                List.of(SshKeys.ED25519))));
        refused(Reason.INVALID, () -> spoke.create(new VmSpec(ID, 1, 512, TestHost.TEMPLATE,
                List.of("ssh-ed25519 AAAA\nrm -rf /"))));

        assertEquals(List.of("test"), host.domainNames());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
    }

    @Test
    void invalidRequestsNeverReachLibvirt() {
        // Any call to libvirt through this URI fails (FAILED); a refusal before it is INVALID.
        try (LibvirtHypervisor unreachable = new LibvirtHypervisor(
                new LibvirtSettings("test:///nonexistent/stoa-host.xml", TestHost.POOL, TestHost.NETWORK, 0))) {
            refused(Reason.FAILED, unreachable::list);
            String badId = "capsul-x'/><disk";
            refused(Reason.INVALID, () -> unreachable.create(new VmSpec(badId, 1, 512, TestHost.TEMPLATE,
                    List.of(SshKeys.ED25519))));
            refused(Reason.INVALID, () -> unreachable.create(new VmSpec(ID, 0, 512, TestHost.TEMPLATE,
                    List.of(SshKeys.ED25519))));
            refused(Reason.INVALID, () -> unreachable.create(new VmSpec(ID, 1, 256, TestHost.TEMPLATE,
                    List.of(SshKeys.ED25519))));
            refused(Reason.INVALID, () -> unreachable.create(new VmSpec(ID, 1, 512, "../../etc/shadow",
                    List.of(SshKeys.ED25519))));
            refused(Reason.INVALID, () -> unreachable.create(new VmSpec(ID, 1, 512, TestHost.TEMPLATE, List.of())));
            refused(Reason.INVALID, () -> unreachable.get(badId));
            refused(Reason.INVALID, () -> unreachable.destroy(badId));
            refused(Reason.INVALID, () -> unreachable.start(badId));
            refused(Reason.INVALID, () -> unreachable.stop(badId));
            refused(Reason.INVALID, () -> unreachable.forceStop(badId));
            refused(Reason.INVALID, () -> unreachable.hasCapacity(100_000));
        }
    }

    @Test
    void describeNamesTheUriAndWhetherLibvirtAnswers() {
        assertTrue(spoke.describe().matches("libvirt at test:///default: reachable \\(libvirt \\d+\\.\\d+\\.\\d+, driver TEST\\)"),
                spoke.describe());
        try (LibvirtHypervisor unreachable = new LibvirtHypervisor(
                new LibvirtSettings("test:///nonexistent/stoa-host.xml", TestHost.POOL, TestHost.NETWORK, 0))) {
            String description = unreachable.describe();
            assertTrue(description.startsWith("libvirt at test:///nonexistent/stoa-host.xml: unreachable ("), description);
            assertTrue(description.contains("failed to parse xml document"), description);
        }
    }

    @Test
    void eachTestStartsOnAFreshHostOnceEverythingIsReleased() throws Exception {
        spoke.create(SPEC);
        releaseTestHost();

        openFreshTestHost();

        assertEquals(List.of("test"), host.domainNames());
        assertEquals(List.of(TestHost.TEMPLATE), host.volumeNames());
    }

    @Test
    void theTestHostIsSharedWhileAnyConnectionIsOpen() throws Exception {
        spoke.create(SPEC);

        try (LibvirtHypervisor second = new LibvirtHypervisor(TestHost.settings(0))) {
            assertEquals(List.of(ID), second.list());
        }
    }
}
