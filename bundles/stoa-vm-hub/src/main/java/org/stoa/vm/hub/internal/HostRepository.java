package org.stoa.vm.hub.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.vm.hub.Host;

/**
 * All SQL of spokes: registration, tokens and heartbeats. A spoke is online while its last
 * heartbeat is younger than the heartbeat window, judged by the database's clock alone so
 * that hub and spoke clocks never need to agree.
 */
final class HostRepository {

    private static final String HOST_COLUMNS = "id, https_url, last_health_check, "
            + "coalesce(last_health_check > now() - ?::double precision * interval '1 second', false) AS online";

    private final double windowSeconds;

    HostRepository(Duration heartbeatWindow) {
        this.windowSeconds = heartbeatWindow.toMillis() / 1000.0;
    }

    /** Inserts the spoke; false when its id or URL is taken (nothing changed). */
    boolean insert(Connection c, String id, String httpsUrl, String token) throws SQLException {
        return Jdbc.update(c, "INSERT INTO hosts (id, https_url, token) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                id, httpsUrl, token) == 1;
    }

    /**
     * Removes the spoke from service, keeping its row for the operations and VMs that name it;
     * offers still open to it are lost. False when there is no such spoke in service.
     */
    boolean remove(Connection c, String id) throws SQLException {
        if (Jdbc.update(c, "UPDATE hosts_in_service SET removed = now() WHERE id = ?", id) != 1) {
            return false;
        }
        Jdbc.update(c, "UPDATE host_operation SET assignment_status = 'lost' "
                + "WHERE host = ? AND assignment_status = 'offered'", id);
        return true;
    }

    Optional<Host> host(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT " + HOST_COLUMNS + " FROM hosts_in_service WHERE id = ?", HostRepository::host,
                windowSeconds, id);
    }

    List<Host> hosts(Connection c) throws SQLException {
        return hosts(c, "SELECT " + HOST_COLUMNS + " FROM hosts_in_service ORDER BY id");
    }

    List<Host> online(Connection c) throws SQLException {
        return hosts(c, "SELECT * FROM (SELECT " + HOST_COLUMNS + " FROM hosts_in_service) h WHERE online ORDER BY id");
    }

    /** Records a heartbeat now; false when there is no such spoke. */
    boolean heartbeat(Connection c, String id) throws SQLException {
        return Jdbc.update(c, "UPDATE hosts_in_service SET last_health_check = now() WHERE id = ?", id) == 1;
    }

    Optional<String> token(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT token FROM hosts_in_service WHERE id = ?", row -> row.getString(1), id);
    }

    boolean anyHolds(Connection c, String token) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM hosts_in_service WHERE token = ? LIMIT 1", row -> true, token).isPresent();
    }

    /** True when {@code presented} is the spoke's token; the comparison takes the same time wherever they differ. */
    boolean authenticate(Connection c, String id, String presented) throws SQLException {
        Optional<String> token = token(c, id);
        return token.isPresent() && presented != null && MessageDigest.isEqual(
                token.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private List<Host> hosts(Connection c, String sql) throws SQLException {
        return Jdbc.list(c, sql, HostRepository::host, windowSeconds);
    }

    private static Host host(ResultSet row) throws SQLException {
        return new Host(row.getString("id"), row.getString("https_url"), Jdbc.instant(row, "last_health_check"),
                row.getBoolean("online"));
    }
}
