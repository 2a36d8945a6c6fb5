package org.stoa.worlds.live;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.ModerationState;
import org.stoa.worlds.UserType;
import org.stoa.worlds.internal.JsonForms;

/** Every statement on users and room views the WebSocket API makes. */
final class UserRepository {

    private static final String COLUMNS = "id, token_id, type, traits, profile, moderation_state, deleted, "
            + "last_login, pretalx_id, client_state";

    /**
     * The user holding token {@code uid}: created with the token's traits and profile on first
     * login, or given the token's traits (the latest token wins). Either way it is logged in now.
     */
    LiveUser loginWithToken(Connection c, String world, String uid, List<String> traits, ObjectNode profile)
            throws SQLException {
        return returnedUser(c, world, "INSERT INTO users (id, world_id, token_id, traits, profile, last_login) "
                + "VALUES (?, ?, ?, ?::jsonb, ?::jsonb, now()) ON CONFLICT (world_id, token_id) DO UPDATE "
                + "SET traits = EXCLUDED.traits, last_login = now() RETURNING " + COLUMNS,
                UUID.randomUUID(), world, uid, json(traits), profile.toString()).orElseThrow();
    }

    /** A guest keyed by the client's id, created on first login. */
    LiveUser loginWithClientId(Connection c, String world, String clientId) throws SQLException {
        return returnedUser(c, world, "INSERT INTO users (id, world_id, client_id, last_login) "
                + "VALUES (?, ?, ?, now()) ON CONFLICT (world_id, client_id) DO UPDATE SET last_login = now() "
                + "RETURNING " + COLUMNS, UUID.randomUUID(), world, clientId).orElseThrow();
    }

    /** An existing user by token uid (no user is created: they could not get in). */
    Optional<LiveUser> byTokenId(Connection c, String world, String uid, List<String> traits) throws SQLException {
        return returnedUser(c, world, "UPDATE users SET traits = ?::jsonb, last_login = now() "
                + "WHERE world_id = ? AND token_id = ? RETURNING " + COLUMNS, json(traits), world, uid);
    }

    Optional<LiveUser> byClientId(Connection c, String world, String clientId) throws SQLException {
        return returnedUser(c, world, "UPDATE users SET last_login = now() "
                + "WHERE world_id = ? AND client_id = ? RETURNING " + COLUMNS, world, clientId);
    }

    /** Runs a statement that returns at most one user row, and reads that user with their grants. */
    private Optional<LiveUser> returnedUser(Connection c, String world, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(withGrants(c, world, r)) : Optional.empty();
            }
        }
    }

    private static String json(List<String> values) {
        return JsonForms.MAPPER.valueToTree(values).toString();
    }

    void updateProfile(Connection c, String world, UUID user, ObjectNode profile) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE users SET profile = ?::jsonb WHERE world_id = ? AND id = ?")) {
            s.setString(1, profile.toString());
            s.setString(2, world);
            s.setObject(3, user);
            s.executeUpdate();
        }
    }

    /** The users of the world among {@code ids}, persons only, as venueless lists them. */
    List<LiveUser> people(Connection c, String world, Collection<UUID> ids) throws SQLException {
        List<LiveUser> users = new ArrayList<>();
        if (ids.isEmpty()) {
            return users;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users "
                + "WHERE world_id = ? AND id = ANY (?) AND type = 'person' ORDER BY id")) {
            s.setString(1, world);
            s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    users.add(user(r, Set.of(), Map.of()));
                }
            }
        }
        return users;
    }

    /**
     * Puts the socket into the room (or takes it out) and returns how many different users were
     * in the room before and after, counting sockets on live nodes only.
     */
    int[] enter(Connection c, String socket, UUID room, UUID user, String node, Set<String> liveNodes)
            throws SQLException {
        int before = usersIn(c, room, liveNodes);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO room_views (socket_id, room_id, user_id, node) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, socket);
            s.setObject(2, room);
            s.setObject(3, user);
            s.setString(4, node);
            s.executeUpdate();
        }
        return new int[] { before, usersIn(c, room, liveNodes) };
    }

    int[] leave(Connection c, String socket, UUID room, Set<String> liveNodes) throws SQLException {
        int before = usersIn(c, room, liveNodes);
        try (PreparedStatement s = c.prepareStatement("DELETE FROM room_views WHERE socket_id = ? AND room_id = ?")) {
            s.setString(1, socket);
            s.setObject(2, room);
            s.executeUpdate();
        }
        return new int[] { before, usersIn(c, room, liveNodes) };
    }

    /** Room → users in it now, for the rooms of a world. */
    Map<UUID, Integer> usersInRooms(Connection c, String world, Set<String> liveNodes) throws SQLException {
        Map<UUID, Integer> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT v.room_id, count(DISTINCT v.user_id) FROM room_views v "
                + "JOIN rooms r ON r.id = v.room_id WHERE r.world_id = ? AND v.node = ANY (?) GROUP BY v.room_id")) {
            s.setString(1, world);
            s.setArray(2, nodes(c, liveNodes));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getObject(1, UUID.class), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Forgets the room views of nodes that are no longer alive. */
    void forgetDeadNodes(Connection c, Set<String> liveNodes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM room_views WHERE NOT (node = ANY (?))")) {
            s.setArray(1, nodes(c, liveNodes));
            s.executeUpdate();
        }
    }

    private int usersIn(Connection c, UUID room, Set<String> liveNodes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(DISTINCT user_id) FROM room_views WHERE room_id = ? AND node = ANY (?)")) {
            s.setObject(1, room);
            s.setArray(2, nodes(c, liveNodes));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Array nodes(Connection c, Set<String> liveNodes) throws SQLException {
        return c.createArrayOf("text", liveNodes.toArray());
    }

    private LiveUser withGrants(Connection c, String world, ResultSet user) throws SQLException {
        UUID id = user.getObject("id", UUID.class);
        Set<String> worldRoles = new HashSet<>();
        Map<UUID, Set<String>> roomRoles = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT NULL::uuid, role FROM world_grants "
                + "WHERE world_id = ? AND user_id = ? UNION ALL SELECT room_id, role FROM room_grants WHERE user_id = ?")) {
            s.setString(1, world);
            s.setObject(2, id);
            s.setObject(3, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID room = r.getObject(1, UUID.class);
                    if (room == null) {
                        worldRoles.add(r.getString(2));
                    } else {
                        roomRoles.computeIfAbsent(room, k -> new HashSet<>()).add(r.getString(2));
                    }
                }
            }
        }
        return user(user, worldRoles, roomRoles);
    }

    private static LiveUser user(ResultSet r, Set<String> worldRoles, Map<UUID, Set<String>> roomRoles)
            throws SQLException {
        Timestamp lastLogin = r.getTimestamp("last_login");
        JsonNode profile = JsonForms.parse(r.getString("profile"));
        JsonNode clientState = JsonForms.parse(r.getString("client_state"));
        return new LiveUser(r.getObject("id", UUID.class), r.getString("token_id"),
                UserType.fromDb(r.getString("type")),
                new LinkedHashSet<>(JsonForms.strings(JsonForms.parse(r.getString("traits")))),
                profile instanceof ObjectNode o ? o : JsonForms.MAPPER.createObjectNode(),
                ModerationState.fromDb(r.getString("moderation_state")), r.getBoolean("deleted"),
                lastLogin == null ? null : lastLogin.toInstant(), r.getString("pretalx_id"),
                clientState instanceof ObjectNode o ? o : JsonForms.MAPPER.createObjectNode(), worldRoles, roomRoles);
    }
}
