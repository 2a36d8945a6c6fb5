package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Jdbc;

/** What the hub publishes to the modules that bill from it: vm_size_price_history and vm_usage. */
class PublishedUsageDatabaseTest {

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
    }

    @Test
    void everySizeStartsWithItsPriceSinceAlways() throws Exception {
        assertEquals(List.of("f1-l 20.50 -infinity", "f1-m 12.50 -infinity", "f1-s 7.16 -infinity",
                "f1-x 27.00 -infinity", "f1-xs 5.33 -infinity", "f1-xx 35.00 -infinity"), history());
    }

    @Test
    void aChangedPriceIsRecordedOnceFromItsTransactionsTime() throws Exception {
        try (Connection c = fixture.database.getConnection()) {
            c.setAutoCommit(false);
            Jdbc.update(c, "UPDATE vm_sizes SET dollars_per_month = 10.00 WHERE id = 'f1-xs'");
            Jdbc.update(c, "UPDATE vm_sizes SET dollars_per_month = 9.00 WHERE id = 'f1-xs'");
            String now = Jdbc.one(c, "SELECT now()::text", row -> row.getString(1)).orElseThrow();
            c.commit();
            // The same price again, and another column changed: nothing to record.
            Jdbc.update(c, "UPDATE vm_sizes SET dollars_per_month = 9.00, vcpus = 2 WHERE id = 'f1-xs'");
            c.commit();

            assertEquals(List.of("f1-xs 5.33 -infinity", "f1-xs 9.00 " + now),
                    history().stream().filter(h -> h.startsWith("f1-xs ")).toList());
        }
    }

    @Test
    void aNewSizeIsPricedFromWhenItWasAdded() throws Exception {
        String added;
        try (Connection c = fixture.database.getConnection()) {
            c.setAutoCommit(false);
            Jdbc.update(c, "INSERT INTO vm_sizes (id, dollars_per_month, memory_mb, vcpus, bandwidth_gb_per_month) "
                    + "VALUES ('f2-s', 6.00, 1024, 1, 1000)");
            added = Jdbc.one(c, "SELECT now()::text", row -> row.getString(1)).orElseThrow();
            c.commit();
        }

        assertEquals(List.of("f2-s 6.00 " + added), history().stream().filter(h -> h.startsWith("f2-s ")).toList());
    }

    @Test
    void everyVmIsInTheUsageWithItsAccountSizeAndLife() throws Exception {
        fixture.onlineSpoke("spoke1");
        String running = fixture.vmOn("spoke1");
        String deleted = fixture.vmOn("spoke1");
        try (Connection c = fixture.database.getConnection()) {
            Jdbc.update(c, "UPDATE vms SET deleted = created + interval '1 day' WHERE id = ?", deleted);

            assertEquals(List.of(running + " alice@example.org f1-xs running", deleted + " alice@example.org f1-xs 1 day"),
                    Jdbc.list(c, "SELECT u.vm || ' ' || u.email || ' ' || u.size || ' ' "
                            + "|| coalesce((u.deleted - u.created)::text, 'running') FROM vm_usage u "
                            + "JOIN vms v ON v.id = u.vm AND v.created = u.created ORDER BY u.vm = ? DESC",
                            row -> row.getString(1), running));
        }
    }

    @Test
    void aCreateItsSpokeCouldNotCarryOutIsNotUsage() throws Exception {
        fixture.onlineSpoke("spoke1");
        String ran = fixture.vmOn("spoke1");
        String failed = fixture.vmOn("spoke1");
        // What HubService does when the spoke that won the create could not make the VM.
        fixture.hub.recordVm(failed, "spoke1", org.stoa.vm.hub.VmState.FAILED, null, null);
        fixture.hub.deleteVm("alice@example.org", failed);

        try (Connection c = fixture.database.getConnection()) {
            assertEquals(List.of(ran), Jdbc.list(c, "SELECT vm FROM vm_usage ORDER BY vm", row -> row.getString(1)));
            assertEquals(1, Jdbc.one(c, "SELECT count(*) FROM vms WHERE id = ? AND state = 'failed'",
                    row -> row.getInt(1), failed).orElseThrow(), "the record of the failed create is kept");
        }
    }

    private List<String> history() throws Exception {
        try (Connection c = fixture.database.getConnection()) {
            return Jdbc.list(c, "SELECT size || ' ' || dollars_per_month || ' ' || effective_from::text "
                    + "FROM vm_size_price_history ORDER BY size, effective_from", row -> row.getString(1));
        }
    }
}
