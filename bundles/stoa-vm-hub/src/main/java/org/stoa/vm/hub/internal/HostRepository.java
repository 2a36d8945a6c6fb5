package org.stoa.vm.hub.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO hosts (id, https_url, token) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, httpsUrl);
            insert.setString(3, token);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Removes the spoke from service, keeping its row for the operations and VMs that name it;
     * offers still open to it are lost. False when there is no such spoke in service.
     */
    boolean remove(Connection c, String id) throws SQLException {
        try (PreparedStatement remove = c.prepareStatement(
                     "UPDATE hosts_in_service SET removed = now() WHERE id = ?");
             PreparedStatement offers = c.prepareStatement("UPDATE host_operation SET assignment_status = 'lost' "
                     + "WHERE host = ? AND assignment_status = 'offered'")) {
            remove.setString(1, id);
            if (remove.executeUpdate() != 1) {
                return false;
            }
            offers.setString(1, id);
            offers.executeUpdate();
            return true;
        }
    }

    Optional<Host> host(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + HOST_COLUMNS + " FROM hosts_in_service WHERE id = ?")) {
            q.setDouble(1, windowSeconds);
            q.setString(2, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(host(rows)) : Optional.empty();
            }
        }
    }

    List<Host> hosts(Connection c) throws SQLException {
        return hosts(c, "SELECT " + HOST_COLUMNS + " FROM hosts_in_service ORDER BY id");
    }

    List<Host> online(Connection c) throws SQLException {
        return hosts(c, "SELECT * FROM (SELECT " + HOST_COLUMNS + " FROM hosts_in_service) h WHERE online ORDER BY id");
    }

    /** Records a heartbeat now; false when there is no such spoke. */
    boolean heartbeat(Connection c, String id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE hosts_in_service SET last_health_check = now() WHERE id = ?")) {
            update.setString(1, id);
            return update.executeUpdate() == 1;
        }
    }

    Optional<String> token(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT token FROM hosts_in_service WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** True when {@code presented} is the spoke's token; the comparison takes the same time wherever they differ. */
    boolean authenticate(Connection c, String id, String presented) throws SQLException {
        Optional<String> token = token(c, id);
        return token.isPresent() && presented != null && MessageDigest.isEqual(
                token.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private List<Host> hosts(Connection c, String sql) throws SQLException {
        List<Host> hosts = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setDouble(1, windowSeconds);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    hosts.add(host(rows));
                }
            }
        }
        return hosts;
    }

    private static Host host(ResultSet row) throws SQLException {
        return new Host(row.getString("id"), row.getString("https_url"), Timestamps.instant(row, "last_health_check"),
                row.getBoolean("online"));
    }
}
