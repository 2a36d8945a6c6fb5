package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.hub.Assignment;
import org.stoa.vm.hub.AssignmentStatus;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Operation;
import org.stoa.vm.hub.OperationKind;

/** Sending operations to spokes, and what the schema refuses whatever the code does. */
class OperationsDatabaseTest {

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
        fixture.hub.createAccount("alice@example.org");
    }

    @Test
    void aCreateIsOfferedToEveryOnlineSpokeAndMakesNoVmYet() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");
        fixture.hub.registerHost("asleep", "https://asleep.example.org", HubFixture.tokenOf("asleep"));

        Operation create = fixture.hub.dispatchCreate("alice@example.org", "debian12", "f1-m", null);

        assertTrue(create.vmId().matches("capsul-[a-z0-9]{10}"));
        assertEquals(List.of("spoke1", "spoke2"), fixture.hub.assignments(create.id()).stream()
                .map(Assignment::host).toList());
        assertTrue(fixture.hub.assignments(create.id()).stream().allMatch(a -> a.status() == AssignmentStatus.OFFERED));
        assertTrue(fixture.hub.vm(create.vmId()).isEmpty());
    }

    @Test
    void aCreateWithNoSpokeOnlineIsRefused() {
        HubException e = assertThrows(HubException.class,
                () -> fixture.hub.dispatchCreate("alice@example.org", "debian12", "f1-m", null));
        assertEquals("no spoke is online", e.getMessage());
    }

    @Test
    void aCreateNeedsAnOfferedImageAndAKnownSize() throws Exception {
        fixture.onlineSpoke("spoke1");

        HubException image = assertThrows(HubException.class,
                () -> fixture.hub.dispatchCreate("alice@example.org", "debian10", "f1-m", null));
        assertEquals("no OS image debian10 for new VMs", image.getMessage());
        HubException size = assertThrows(HubException.class,
                () -> fixture.hub.dispatchCreate("alice@example.org", "debian12", "f9-huge", null));
        assertEquals("no VM size f9-huge", size.getMessage());
    }

    @Test
    void aSpokeThatWasNotOfferedTheCreateCannotClaimIt() throws Exception {
        fixture.onlineSpoke("spoke1");
        Operation create = fixture.hub.dispatchCreate("alice@example.org", "debian12", "f1-m", null);
        fixture.onlineSpoke("latecomer");

        assertFalse(fixture.hub.claim(create.id(), "latecomer"));
        assertTrue(fixture.hub.claim(create.id(), "spoke1"));
        assertFalse(fixture.hub.claim(create.id(), "spoke1"));
    }

    @Test
    void aClaimAfterTheOfferRoundClosedLosesAndMakesNoVm() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");
        Operation create = fixture.hub.dispatchCreate("alice@example.org", "debian12", "f1-m", null);

        assertEquals(2, fixture.hub.closeOffers(create.id()));

        assertFalse(fixture.hub.claim(create.id(), "spoke1"));
        assertTrue(fixture.hub.vm(create.vmId()).isEmpty());
        assertTrue(fixture.hub.assignments(create.id()).stream().allMatch(a -> a.status() == AssignmentStatus.LOST));
    }

    @Test
    void aSpokeWithAHistoryIsRemovedFromServiceAndItsRecordsStay() throws Exception {
        fixture.onlineSpoke("retired");
        String vm = fixture.vmOn("retired");
        fixture.hub.deleteVm("alice@example.org", vm);

        fixture.hub.removeHost("retired");

        assertTrue(fixture.hub.hosts().stream().noneMatch(h -> h.id().equals("retired")));
        assertFalse(fixture.hub.authenticate("retired", HubFixture.tokenOf("retired")));
        assertThrows(HubException.class, () -> fixture.hub.heartbeat("retired"));
        assertEquals("retired", fixture.hub.vm(vm).orElseThrow().host());
        assertEquals("no spoke retired", assertThrows(HubException.class, () -> fixture.hub.removeHost("retired")).getMessage());
        // Its address is free for a new spoke; its id stays with the history.
        fixture.hub.registerHost("successor", "https://retired.example.org", HubFixture.tokenOf("successor"));
        assertThrows(HubException.class,
                () -> fixture.hub.registerHost("retired", "https://other.example.org", HubFixture.tokenOf("retired")));
    }

    @Test
    void anImmediateOperationGoesToTheSpokeTheVmLivesOn() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");
        String vm = fixture.vmOn("spoke2");

        Operation stop = fixture.hub.dispatchToOwner(OperationKind.STOP, vm, null);

        List<Assignment> assignments = fixture.hub.assignments(stop.id());
        assertEquals(1, assignments.size());
        assertEquals("spoke2", assignments.get(0).host());
        assertEquals(AssignmentStatus.ASSIGNED, assignments.get(0).status());
        assertEquals("alice@example.org", stop.email());
    }

    @Test
    void listGoesToEveryOnlineSpokeAndEachReportsItsResults() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");

        Operation list = fixture.hub.dispatchToAll(OperationKind.LIST, null);
        fixture.hub.complete(list.id(), "spoke1", "{\"vms\": []}");

        List<Assignment> assignments = fixture.hub.assignments(list.id());
        assertNotNull(assignments.get(0).completed());
        assertEquals("{\"vms\": []}", assignments.get(0).results());
        assertEquals(null, assignments.get(1).completed());
        HubException again = assertThrows(HubException.class,
                () -> fixture.hub.complete(list.id(), "spoke1", "{}"));
        assertEquals("operation " + list.id() + " is not assigned to spoke1 or is already completed", again.getMessage());
    }

    @Test
    void theDatabaseRefusesAnOperationThatReachesNoSpoke() throws Exception {
        try (Connection c = TestPostgres.connect(fixture.url); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO operations (kind) VALUES ('list')"));
            assertTrue(e.getMessage().contains("has no target host"), e.getMessage());
        }
    }

    @Test
    void theDatabaseRefusesAVmNoClaimMade() throws Exception {
        fixture.onlineSpoke("spoke1");
        Operation create = fixture.hub.dispatchCreate("alice@example.org", "debian12", "f1-m", null);

        try (Connection c = TestPostgres.connect(fixture.url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO vms (id, email, os, size, host, "
                     + "create_operation) VALUES (?, 'alice@example.org', 'debian12', 'f1-m', 'spoke1', ?)")) {
            insert.setString(1, create.vmId());
            insert.setLong(2, create.id());
            SQLException e = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23503", e.getSQLState());
        }
    }
}
