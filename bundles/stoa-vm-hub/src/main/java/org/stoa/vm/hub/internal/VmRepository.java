package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmState;

/**
 * All SQL of VMs once they exist. Rows are inserted only by a winning claim
 * ({@link OperationRepository#claim}); here they are read, updated from spoke reports and
 * soft-deleted.
 */
final class VmRepository {

    private static final String VM_COLUMNS = "id, email, os, size, host, state, host(last_seen_ipv4) AS ipv4, "
            + "host(last_seen_ipv6) AS ipv6, last_seen, created, deleted";

    /** The account's VMs that are not deleted, oldest first. */
    List<Vm> vms(Connection c, String email) throws SQLException {
        return Jdbc.list(c, "SELECT " + VM_COLUMNS + " FROM vms "
                + "WHERE email = ? AND deleted IS NULL ORDER BY created, id", VmRepository::vm, email);
    }

    /** Every VM that is not deleted, oldest first. */
    List<Vm> all(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT " + VM_COLUMNS + " FROM vms WHERE deleted IS NULL "
                + "ORDER BY created, id", VmRepository::vm);
    }

    /** The VM, deleted or not. */
    Optional<Vm> vm(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT " + VM_COLUMNS + " FROM vms WHERE id = ?", VmRepository::vm, id);
    }

    /**
     * Records what the VM's own spoke reports; a null address keeps the last one seen.
     * False when the VM is deleted or lives on another spoke (nothing changed).
     */
    boolean record(Connection c, String id, String host, VmState state, String ipv4, String ipv6)
            throws SQLException {
        return Jdbc.update(c, "UPDATE vms SET state = ?, "
                + "last_seen_ipv4 = coalesce(?::inet, last_seen_ipv4), last_seen_ipv6 = coalesce(?::inet, last_seen_ipv6), "
                + "last_seen = now() WHERE id = ? AND host = ? AND deleted IS NULL",
                state.dbName(), ipv4, ipv6, id, host) == 1;
    }

    /** Marks the account's VM deleted; false when it has no such VM or it is deleted already. */
    boolean softDelete(Connection c, String email, String id) throws SQLException {
        return Jdbc.update(c, "UPDATE vms SET deleted = now() WHERE id = ? AND email = ? AND deleted IS NULL",
                id, email) == 1;
    }

    private static Vm vm(ResultSet row) throws SQLException {
        return new Vm(row.getString("id"), row.getString("email"), row.getString("os"), row.getString("size"),
                row.getString("host"), VmState.ofDbName(row.getString("state")), row.getString("ipv4"),
                row.getString("ipv6"), Jdbc.instant(row, "last_seen"), Jdbc.instant(row, "created"),
                Jdbc.instant(row, "deleted"));
    }
}
