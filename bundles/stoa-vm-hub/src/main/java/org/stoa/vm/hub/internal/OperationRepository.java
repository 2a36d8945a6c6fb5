package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.vm.hub.Assignment;
import org.stoa.vm.hub.AssignmentStatus;
import org.stoa.vm.hub.Operation;
import org.stoa.vm.hub.OperationKind;

/** All SQL of operations and their spokes (host_operation), including the claim of a create. */
final class OperationRepository {

    private static final String OPERATION_COLUMNS =
            "id, email, kind, vm_id, os, size, payload, created, claimed_by, claimed";

    /**
     * A claim in one statement. Concurrent claims all try to UPDATE the same operations row;
     * PostgreSQL makes them wait for the first and then re-checks {@code claimed_by IS NULL}
     * on the row it committed, so exactly one claim matches. The same statement turns that
     * spoke's offer into the assignment, the other offers into lost ones, and inserts the VM
     * on the winning host: a VM row exists if and only if a claim won.
     */
    private static final String CLAIM = """
            WITH won AS (
                UPDATE operations o SET claimed_by = ?, claimed = now()
                WHERE o.id = ? AND o.kind = 'create' AND o.claimed_by IS NULL
                  AND EXISTS (SELECT 1 FROM host_operation ho
                              WHERE ho.operation = o.id AND ho.host = ? AND ho.assignment_status = 'offered')
                RETURNING o.id, o.email, o.vm_id, o.os, o.size, o.claimed_by
            ), settled AS (
                UPDATE host_operation ho
                SET assignment_status = CASE WHEN ho.host = won.claimed_by THEN 'assigned' ELSE 'lost' END,
                    assigned = CASE WHEN ho.host = won.claimed_by THEN now() END
                FROM won WHERE ho.operation = won.id
            ), made AS (
                INSERT INTO vms (id, email, os, size, host, create_operation)
                SELECT vm_id, email, os, size, claimed_by, id FROM won
            )
            SELECT count(*) FROM won""";

    /**
     * Inserts an operation. It must reach at least one spoke through {@link #offer} or
     * {@link #assign} in the same transaction, or the commit is refused.
     */
    Operation insert(Connection c, String email, OperationKind kind, String vmId, String os, String size,
            String payload) throws SQLException {
        return Jdbc.one(c, "INSERT INTO operations "
                + "(email, kind, vm_id, os, size, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING "
                + OPERATION_COLUMNS, OperationRepository::operation, email, kind.dbName(), vmId, os, size, payload)
                .orElseThrow();
    }

    /** Offers a create to these spokes; one of them will win its claim. */
    void offer(Connection c, long operationId, List<String> hosts) throws SQLException {
        insertAssignments(c, operationId, hosts, "INSERT INTO host_operation (host, operation, assignment_status) "
                + "VALUES (?, ?, 'offered')");
    }

    /** Assigns an immediate operation to these spokes. */
    void assign(Connection c, long operationId, List<String> hosts) throws SQLException {
        insertAssignments(c, operationId, hosts, "INSERT INTO host_operation (host, operation, assignment_status, "
                + "assigned) VALUES (?, ?, 'assigned', now())");
    }

    Optional<Operation> operation(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + OPERATION_COLUMNS + " FROM operations WHERE id = ?",
                OperationRepository::operation, id);
    }

    List<Assignment> assignments(Connection c, long operationId) throws SQLException {
        return Jdbc.list(c, "SELECT host, operation, assignment_status, assigned, "
                + "completed, results FROM host_operation WHERE operation = ? ORDER BY host",
                rows -> new Assignment(rows.getString("host"), rows.getLong("operation"),
                        AssignmentStatus.ofDbName(rows.getString("assignment_status")),
                        Jdbc.instant(rows, "assigned"), Jdbc.instant(rows, "completed"), rows.getString("results")),
                operationId);
    }

    /** True when this spoke's claim of the create won; false when it lost or was never offered it. */
    boolean claim(Connection c, long operationId, String host) throws SQLException {
        return Jdbc.one(c, CLAIM, rows -> rows.getLong(1), host, operationId, host).orElseThrow() == 1;
    }

    /** Stores a spoke's results; false unless the operation is assigned to it and not yet completed. */
    boolean complete(Connection c, long operationId, String host, String results) throws SQLException {
        return Jdbc.update(c, "UPDATE host_operation SET completed = now(), "
                + "results = ?::jsonb WHERE operation = ? AND host = ? AND assignment_status = 'assigned' "
                + "AND completed IS NULL", results, operationId, host) == 1;
    }

    /** The create's remaining offers become lost: its claim is decided, or nobody took it. */
    int closeOffers(Connection c, long operationId) throws SQLException {
        return Jdbc.update(c, "UPDATE host_operation SET assignment_status = 'lost' "
                + "WHERE operation = ? AND assignment_status = 'offered'", operationId);
    }

    private static void insertAssignments(Connection c, long operationId, List<String> hosts, String sql)
            throws SQLException {
        Jdbc.batch(c, sql, hosts.stream().map(host -> new Object[] { host, operationId }).toList());
    }

    private static Operation operation(ResultSet row) throws SQLException {
        return new Operation(row.getLong("id"), row.getString("email"), OperationKind.ofDbName(row.getString("kind")),
                row.getString("vm_id"), row.getString("os"), row.getString("size"), row.getString("payload"),
                Jdbc.instant(row, "created"), row.getString("claimed_by"), Jdbc.instant(row, "claimed"));
    }
}
