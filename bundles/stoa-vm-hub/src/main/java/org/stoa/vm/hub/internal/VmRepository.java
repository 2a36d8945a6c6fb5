package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        List<Vm> vms = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + VM_COLUMNS + " FROM vms "
                + "WHERE email = ? AND deleted IS NULL ORDER BY created, id")) {
            q.setString(1, email);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    vms.add(vm(rows));
                }
            }
        }
        return vms;
    }

    /** Every VM that is not deleted, oldest first. */
    List<Vm> all(Connection c) throws SQLException {
        List<Vm> vms = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + VM_COLUMNS + " FROM vms WHERE deleted IS NULL "
                + "ORDER BY created, id"); ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                vms.add(vm(rows));
            }
        }
        return vms;
    }

    /** The VM, deleted or not. */
    Optional<Vm> vm(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + VM_COLUMNS + " FROM vms WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(vm(rows)) : Optional.empty();
            }
        }
    }

    /**
     * Records what the VM's own spoke reports; a null address keeps the last one seen.
     * False when the VM is deleted or lives on another spoke (nothing changed).
     */
    boolean record(Connection c, String id, String host, VmState state, String ipv4, String ipv6)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE vms SET state = ?, "
                + "last_seen_ipv4 = coalesce(?::inet, last_seen_ipv4), last_seen_ipv6 = coalesce(?::inet, last_seen_ipv6), "
                + "last_seen = now() WHERE id = ? AND host = ? AND deleted IS NULL")) {
            update.setString(1, state.dbName());
            update.setString(2, ipv4);
            update.setString(3, ipv6);
            update.setString(4, id);
            update.setString(5, host);
            return update.executeUpdate() == 1;
        }
    }

    /** Marks the account's VM deleted; false when it has no such VM or it is deleted already. */
    boolean softDelete(Connection c, String email, String id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE vms SET deleted = now() WHERE id = ? AND email = ? AND deleted IS NULL")) {
            update.setString(1, id);
            update.setString(2, email);
            return update.executeUpdate() == 1;
        }
    }

    private static Vm vm(ResultSet row) throws SQLException {
        return new Vm(row.getString("id"), row.getString("email"), row.getString("os"), row.getString("size"),
                row.getString("host"), VmState.ofDbName(row.getString("state")), row.getString("ipv4"),
                row.getString("ipv6"), Timestamps.instant(row, "last_seen"), Timestamps.instant(row, "created"),
                Timestamps.instant(row, "deleted"));
    }
}
