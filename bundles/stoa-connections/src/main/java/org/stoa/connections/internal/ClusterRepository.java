package org.stoa.connections.internal;

import static org.stoa.db.Jdbc.list;
import static org.stoa.db.Jdbc.one;
import static org.stoa.db.Jdbc.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.stoa.connections.cluster.ClusterBus;

/** Every statement on the connection-control tables. */
final class ClusterRepository {

    void reportCount(Connection c, String node, String label, int connections) throws SQLException {
        update(c, """
                INSERT INTO connection_counts (node, label, connections, updated) VALUES (?, ?, ?, now())
                ON CONFLICT (node, label) DO UPDATE SET connections = EXCLUDED.connections, updated = now()""",
                node, label, connections);
    }

    /** Removes what a node left behind: on a clean stop, and at start for a process that reused the id. */
    void forgetNode(Connection c, String node) throws SQLException {
        update(c, "DELETE FROM connection_counts WHERE node = ?", node);
        update(c, "DELETE FROM user_sockets WHERE node = ?", node);
    }

    /** Drops rows of nodes that stopped reporting long ago, and spent messages and reports. */
    void sweep(Connection c, int staleSeconds) throws SQLException {
        update(c, """
                DELETE FROM user_sockets WHERE node NOT IN (
                    SELECT node FROM connection_counts WHERE updated > now() - make_interval(secs => ?))""",
                staleSeconds);
        update(c, "DELETE FROM connection_counts WHERE updated < now() - make_interval(secs => ?) - interval '1 day'",
                staleSeconds);
        update(c, "DELETE FROM cluster_messages WHERE created < now() - make_interval(mins => ?)",
                ClusterBus.REPLAY_MINUTES);
        update(c, "DELETE FROM connection_control_reports WHERE updated < now() - interval '1 day'");
    }

    /** Label → connections summed over the nodes that reported within {@code staleSeconds}. */
    Map<String, Long> counts(Connection c, int staleSeconds) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var row : list(c, """
                SELECT label, sum(connections) FROM connection_counts
                WHERE updated > now() - make_interval(secs => ?) GROUP BY label ORDER BY label""",
                r -> Map.entry(r.getString(1), r.getLong(2)), staleSeconds)) {
            counts.put(row.getKey(), row.getValue());
        }
        return counts;
    }

    /** One live node's connections under one label, as it last reported them. */
    record NodeCount(String node, String label, long connections) {
    }

    List<NodeCount> countsByNode(Connection c, int staleSeconds) throws SQLException {
        return list(c, """
                SELECT node, label, sum(connections) FROM connection_counts
                WHERE updated > now() - make_interval(secs => ?) GROUP BY node, label ORDER BY node, label""",
                r -> new NodeCount(r.getString(1), r.getString(2), r.getLong(3)), staleSeconds);
    }

    Set<String> liveNodes(Connection c, int staleSeconds) throws SQLException {
        return new LinkedHashSet<>(list(c, """
                SELECT DISTINCT node FROM connection_counts
                WHERE updated > now() - make_interval(secs => ?) ORDER BY node""", r -> r.getString(1), staleSeconds));
    }

    void notify(Connection c, String channel, String payload) throws SQLException {
        one(c, "SELECT pg_notify(?, ?)", r -> Boolean.TRUE, channel, payload);
    }

    /** A message as kept in the table: {@code channel} is set for those replayed to nodes that were cut off. */
    record StoredMessage(long id, String channel, String payload) {
    }

    /** Keeps the message; with a {@code replayChannel}, nodes that reconnect read it again. */
    long storeMessage(Connection c, String payload, String replayChannel) throws SQLException {
        return one(c, "INSERT INTO cluster_messages (payload, replay_channel) VALUES (?, ?) RETURNING id",
                r -> r.getLong(1), payload, replayChannel).orElseThrow();
    }

    long newestMessage(Connection c) throws SQLException {
        return one(c, "SELECT coalesce(max(id), 0) FROM cluster_messages", r -> r.getLong(1)).orElseThrow();
    }

    /** The messages to replay on these channels kept after message {@code after}, oldest first. */
    List<StoredMessage> replayedAfter(Connection c, long after, Set<String> channels) throws SQLException {
        return list(c, """
                SELECT id, replay_channel, payload FROM cluster_messages
                WHERE id > ? AND replay_channel = ANY (?) ORDER BY id""",
                r -> new StoredMessage(r.getLong(1), r.getString(2), r.getString(3)), after,
                c.createArrayOf("text", channels.toArray()));
    }

    Optional<String> message(Connection c, long id) throws SQLException {
        return one(c, "SELECT payload FROM cluster_messages WHERE id = ?", r -> r.getString(1), id);
    }

    /**
     * Records the socket of a user whose world limits their sockets and returns the ids of that
     * user's sockets beyond the limit (the oldest), on live nodes.
     */
    List<String> openLimited(Connection c, String socketId, String node, String world, String user, int limit,
            int staleSeconds) throws SQLException {
        update(c, "INSERT INTO user_sockets (socket_id, node, world_id, user_id) VALUES (?, ?, ?, ?)",
                socketId, node, world, user);
        List<String> excess = list(c, """
                SELECT socket_id FROM user_sockets
                WHERE world_id = ? AND user_id = ? AND node IN (
                    SELECT node FROM connection_counts WHERE updated > now() - make_interval(secs => ?))
                ORDER BY opened DESC, socket_id OFFSET ?""", r -> r.getString(1), world, user, staleSeconds, limit);
        if (!excess.isEmpty()) {
            // They are on their way out; the limit must not count them for the next login.
            update(c, "DELETE FROM user_sockets WHERE socket_id = ANY (?)", c.createArrayOf("text", excess.toArray()));
        }
        return excess;
    }

    void closeLimited(Connection c, String socketId) throws SQLException {
        update(c, "DELETE FROM user_sockets WHERE socket_id = ?", socketId);
    }

    /** Records sockets of this node in one statement: {@code sockets} holds socket id, world id and user id of each. */
    void recordSockets(Connection c, String node, List<String[]> sockets) throws SQLException {
        update(c, """
                INSERT INTO user_sockets (socket_id, node, world_id, user_id)
                SELECT s, ?, w, u FROM unnest(?::text[], ?::text[], ?::text[]) AS t (s, w, u)
                ON CONFLICT (socket_id) DO NOTHING""", node,
                c.createArrayOf("text", sockets.stream().map(s -> s[0]).toArray()),
                c.createArrayOf("text", sockets.stream().map(s -> s[1]).toArray()),
                c.createArrayOf("text", sockets.stream().map(s -> s[2]).toArray()));
    }

    void forgetSockets(Connection c, Collection<String> socketIds) throws SQLException {
        update(c, "DELETE FROM user_sockets WHERE socket_id = ANY (?)", c.createArrayOf("text", socketIds.toArray()));
    }

    /** The users among {@code users} with a recorded socket to the world on a live node. */
    Set<String> online(Connection c, String world, Collection<String> users, int staleSeconds) throws SQLException {
        return new LinkedHashSet<>(list(c, """
                SELECT DISTINCT user_id FROM user_sockets
                WHERE world_id = ? AND user_id = ANY (?) AND node IN (
                    SELECT node FROM connection_counts WHERE updated > now() - make_interval(secs => ?))""",
                r -> r.getString(1), world, c.createArrayOf("text", users.toArray()), staleSeconds));
    }

    void report(Connection c, UUID request, String node, String label, int reached, int total, boolean done)
            throws SQLException {
        update(c, """
                INSERT INTO connection_control_reports (request, node, label, reached, total, done, updated)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (request, node) DO UPDATE SET reached = EXCLUDED.reached, total = EXCLUDED.total,
                    done = EXCLUDED.done, updated = now()""", request, node, label, reached, total, done);
    }

    List<NodeReport> reports(Connection c, UUID request) throws SQLException {
        return list(c, """
                SELECT node, label, reached, total, done FROM connection_control_reports
                WHERE request = ? ORDER BY node""",
                r -> new NodeReport(r.getString(1), r.getString(2), r.getInt(3), r.getInt(4), r.getBoolean(5)), request);
    }
}
