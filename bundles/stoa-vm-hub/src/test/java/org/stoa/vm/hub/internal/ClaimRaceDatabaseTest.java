package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.hub.Assignment;
import org.stoa.vm.hub.AssignmentStatus;
import org.stoa.vm.hub.Operation;
import org.stoa.vm.hub.Vm;

/** Many spokes claim the same create at the same moment, each on a connection of its own. */
class ClaimRaceDatabaseTest {

    private static final int SPOKES = 8;

    private HubFixture fixture;
    private ExecutorService spokes;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
        spokes = Executors.newFixedThreadPool(SPOKES);
    }

    @AfterEach
    void stopSpokes() {
        spokes.shutdownNow();
    }

    /** Repeated: one lucky interleaving proves nothing about a race. */
    @RepeatedTest(5)
    void exactlyOneOfManyRacingClaimsWins() throws Exception {
        for (int i = 0; i < SPOKES; i++) {
            fixture.onlineSpoke("spoke" + i);
        }
        fixture.hub.createAccount("alice@example.org");
        Operation create = fixture.hub.dispatchCreate("alice@example.org", "alpine318", "f1-s", "{\"note\": \"race\"}");

        List<String> winners = race(create.id());

        assertEquals(1, winners.size(), "winners: " + winners);
        String winner = winners.get(0);
        assertEquals(1, vmRows(create.vmId()));
        Vm vm = fixture.hub.vm(create.vmId()).orElseThrow();
        assertEquals(winner, vm.host());
        assertEquals("f1-s", vm.size());
        assertEquals(winner, fixture.hub.operation(create.id()).orElseThrow().claimedBy());
        for (Assignment a : fixture.hub.assignments(create.id())) {
            assertEquals(a.host().equals(winner) ? AssignmentStatus.ASSIGNED : AssignmentStatus.LOST, a.status());
        }
    }

    /** Every spoke claims once, all released together; returns the spokes whose claim won. */
    private List<String> race(long operationId) throws Exception {
        CountDownLatch ready = new CountDownLatch(SPOKES);
        CountDownLatch go = new CountDownLatch(1);
        OperationRepository operations = new OperationRepository();
        List<Future<String>> claims = new ArrayList<>();
        for (int i = 0; i < SPOKES; i++) {
            String spoke = "spoke" + i;
            Callable<String> claim = () -> {
                try (Connection c = TestPostgres.connect(fixture.url)) {
                    ready.countDown();
                    go.await();
                    return operations.claim(c, operationId, spoke) ? spoke : null;
                }
            };
            claims.add(spokes.submit(claim));
        }
        ready.await(30, TimeUnit.SECONDS);
        go.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> claim : claims) {
            String winner = claim.get(30, TimeUnit.SECONDS);
            if (winner != null) {
                winners.add(winner);
            }
        }
        return winners;
    }

    private int vmRows(String vmId) throws Exception {
        try (Connection c = TestPostgres.connect(fixture.url);
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM vms WHERE id = ?")) {
            q.setString(1, vmId);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
