package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmState;

/** VMs after their create was claimed: what spokes report, and soft deletion. */
class VmsDatabaseTest {

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");
    }

    @Test
    void aClaimedCreateIsAVmInTheCreatingState() throws Exception {
        String id = fixture.vmOn("spoke1");

        Vm vm = fixture.hub.vm(id).orElseThrow();
        assertEquals(VmState.CREATING, vm.state());
        assertEquals("spoke1", vm.host());
        assertNull(vm.lastSeenIpv4());
        assertNull(vm.deleted());
    }

    @Test
    void theOwningSpokesReportIsRecordedAndMissingAddressesKeepTheLastSeen() throws Exception {
        String id = fixture.vmOn("spoke1");

        fixture.hub.recordVm(id, "spoke1", VmState.RUNNING, "192.0.2.10", "2001:db8::10");
        fixture.hub.recordVm(id, "spoke1", VmState.STOPPED, null, null);

        Vm vm = fixture.hub.vm(id).orElseThrow();
        assertEquals(VmState.STOPPED, vm.state());
        assertEquals("192.0.2.10", vm.lastSeenIpv4());
        assertEquals("2001:db8::10", vm.lastSeenIpv6());
        assertNotNull(vm.lastSeen());
    }

    @Test
    void anotherSpokeCannotReportOnTheVm() throws Exception {
        String id = fixture.vmOn("spoke1");

        HubException e = assertThrows(HubException.class,
                () -> fixture.hub.recordVm(id, "spoke2", VmState.CRASHED, null, null));
        assertEquals(id + " is not a VM on spoke2", e.getMessage());
        assertEquals(VmState.CREATING, fixture.hub.vm(id).orElseThrow().state());
    }

    @Test
    void anIpv6AddressIsNotTakenAsIpv4() throws Exception {
        String id = fixture.vmOn("spoke1");

        assertThrows(HubException.class, () -> fixture.hub.recordVm(id, "spoke1", VmState.RUNNING, "2001:db8::1", null));
        assertNull(fixture.hub.vm(id).orElseThrow().lastSeenIpv4());
    }

    @Test
    void aDeletedVmLeavesTheListingButKeepsItsRow() throws Exception {
        String kept = fixture.vmOn("spoke1");
        String deleted = fixture.vmOn("spoke2");

        fixture.hub.deleteVm("alice@example.org", deleted);

        assertEquals(List.of(kept), fixture.hub.vms("alice@example.org").stream().map(Vm::id).toList());
        Vm row = fixture.hub.vm(deleted).orElseThrow();
        assertNotNull(row.deleted());
        assertEquals("spoke2", row.host());
        HubException again = assertThrows(HubException.class, () -> fixture.hub.deleteVm("alice@example.org", deleted));
        assertEquals("account alice@example.org has no VM " + deleted, again.getMessage());
    }

    @Test
    void aDeletedVmTakesNoMoreOperations() throws Exception {
        String id = fixture.vmOn("spoke1");
        fixture.hub.deleteVm("alice@example.org", id);

        HubException e = assertThrows(HubException.class,
                () -> fixture.hub.dispatchToOwner(org.stoa.vm.hub.OperationKind.START, id, null));
        assertEquals("no VM " + id, e.getMessage());
        assertTrue(fixture.hub.vm(id).isPresent());
    }
}
