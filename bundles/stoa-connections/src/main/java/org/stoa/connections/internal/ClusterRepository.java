package org.stoa.connections.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every statement on the connection-control tables. */
final class ClusterRepository {

    void reportCount(Connection c, String node, String label, int connections) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO connection_counts (node, label, connections, updated) VALUES (?, ?, ?, now())
                ON CONFLICT (node, label) DO UPDATE SET connections = EXCLUDED.connections, updated = now()""")) {
            s.setString(1, node);
            s.setString(2, label);
            s.setInt(3, connections);
            s.executeUpdate();
        }
    }

    /** Removes what a node left behind: on a clean stop, and at start for a process that reused the id. */
    void forgetNode(Connection c, String node) throws SQLException {
        for (String table : List.of("connection_counts", "user_sockets")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE node = ?")) {
                s.setString(1, node);
                s.executeUpdate();
            }
        }
    }

    /** Drops rows of nodes that stopped reporting long ago, and spent messages and reports. */
    void sweep(Connection c, int staleSeconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                DELETE FROM user_sockets WHERE node NOT IN (
                    SELECT node FROM connection_counts WHERE updated > now() - make_interval(secs => ?))""")) {
            s.setInt(1, staleSeconds);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM connection_counts WHERE updated < now() - make_interval(secs => ?) - interval '1 day'")) {
            s.setInt(1, staleSeconds);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM cluster_messages WHERE created < now() - interval '10 minutes'")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM connection_control_reports WHERE updated < now() - interval '1 day'")) {
            s.executeUpdate();
        }
    }

    /** Label → connections summed over the nodes that reported within {@code staleSeconds}. */
    Map<String, Long> counts(Connection c, int staleSeconds) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT label, sum(connections) FROM connection_counts
                WHERE updated > now() - make_interval(secs => ?) GROUP BY label ORDER BY label""")) {
            s.setInt(1, staleSeconds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }

    Set<String> liveNodes(Connection c, int staleSeconds) throws SQLException {
        Set<String> nodes = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT DISTINCT node FROM connection_counts
                WHERE updated > now() - make_interval(secs => ?) ORDER BY node""")) {
            s.setInt(1, staleSeconds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    nodes.add(r.getString(1));
                }
            }
        }
        return nodes;
    }

    void notify(Connection c, String channel, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, channel);
            s.setString(2, payload);
            s.execute();
        }
    }

    long storeMessage(Connection c, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cluster_messages (payload) VALUES (?) RETURNING id")) {
            s.setString(1, payload);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    Optional<String> message(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM cluster_messages WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records the socket of a user whose world limits their sockets and returns the ids of that
     * user's sockets beyond the limit (the oldest), on live nodes.
     */
    List<String> openLimited(Connection c, String socketId, String node, String world, String user, int limit,
            int staleSeconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO user_sockets (socket_id, node, world_id, user_id) VALUES (?, ?, ?, ?)")) {
            s.setString(1, socketId);
            s.setString(2, node);
            s.setString(3, world);
            s.setString(4, user);
            s.executeUpdate();
        }
        List<String> excess = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT socket_id FROM user_sockets
                WHERE world_id = ? AND user_id = ? AND node IN (
                    SELECT node FROM connection_counts WHERE updated > now() - make_interval(secs => ?))
                ORDER BY opened DESC, socket_id OFFSET ?""")) {
            s.setString(1, world);
            s.setString(2, user);
            s.setInt(3, staleSeconds);
            s.setInt(4, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    excess.add(r.getString(1));
                }
            }
        }
        if (!excess.isEmpty()) {
            // They are on their way out; the limit must not count them for the next login.
            Array ids = c.createArrayOf("text", excess.toArray());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM user_sockets WHERE socket_id = ANY (?)")) {
                s.setArray(1, ids);
                s.executeUpdate();
            }
        }
        return excess;
    }

    void closeLimited(Connection c, String socketId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM user_sockets WHERE socket_id = ?")) {
            s.setString(1, socketId);
            s.executeUpdate();
        }
    }

    void report(Connection c, UUID request, String node, String label, int reached, int total, boolean done)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO connection_control_reports (request, node, label, reached, total, done, updated)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (request, node) DO UPDATE SET reached = EXCLUDED.reached, total = EXCLUDED.total,
                    done = EXCLUDED.done, updated = now()""")) {
            s.setObject(1, request);
            s.setString(2, node);
            s.setString(3, label);
            s.setInt(4, reached);
            s.setInt(5, total);
            s.setBoolean(6, done);
            s.executeUpdate();
        }
    }

    List<NodeReport> reports(Connection c, UUID request) throws SQLException {
        List<NodeReport> reports = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT node, label, reached, total, done FROM connection_control_reports
                WHERE request = ? ORDER BY node""")) {
            s.setObject(1, request);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reports.add(new NodeReport(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getBoolean(5)));
                }
            }
        }
        return reports;
    }
}
