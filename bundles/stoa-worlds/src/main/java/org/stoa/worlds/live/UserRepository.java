package org.stoa.worlds.live;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.db.Jdbc;
import org.stoa.worlds.ModerationState;
import org.stoa.worlds.UserType;
import org.stoa.worlds.internal.JsonForms;

/** Every statement on users and room views the WebSocket API makes. */
final class UserRepository {

    private static final String COLUMNS = "id, token_id, client_id, type, traits, profile, moderation_state, deleted, "
            + "last_login, pretalx_id, client_state";
    /** {@link #COLUMNS} of the users table aliased {@code u}, for joins. */
    private static final String COLUMNS_OF_U = "u." + COLUMNS.replace(", ", ", u.");

    /**
     * Logs the users in, all of one world and one kind (token or guest), and returns each by its
     * key (token uid or client id): created on first login — with the token's traits and profile —
     * or given the newest token's traits (the latest token wins). Logins with the same key share
     * one user, the last one's traits stored.
     */
    Map<String, LiveUser> login(Connection c, List<Logins.Login> logins) throws SQLException {
        // Sorted by key, so two batches writing the same users lock their rows in the same order.
        Map<String, Logins.Login> byKey = new java.util.TreeMap<>();
        logins.forEach(l -> byKey.put(l.key(), l));
        Logins.Login first = logins.get(0);
        String[] keys = byKey.keySet().toArray(String[]::new);
        UUID[] ids = new UUID[keys.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        String sql;
        Object[] parameters;
        if (first.isGuest()) {
            sql = "INSERT INTO users (id, world_id, client_id, last_login) "
                    + "SELECT l.id, ?, l.client_id, now() FROM unnest(?::uuid[], ?::varchar[]) AS l (id, client_id) "
                    + "ON CONFLICT (world_id, client_id) DO UPDATE SET last_login = now() RETURNING " + COLUMNS;
            parameters = new Object[] { first.world(), c.createArrayOf("uuid", ids), c.createArrayOf("varchar", keys) };
        } else {
            String[] traits = byKey.values().stream().map(l -> json(l.traits())).toArray(String[]::new);
            String[] profiles = byKey.values().stream().map(l -> l.profile().toString()).toArray(String[]::new);
            sql = "INSERT INTO users (id, world_id, token_id, traits, profile, last_login) "
                    + "SELECT l.id, ?, l.token_id, l.traits::jsonb, l.profile::jsonb, now() "
                    + "FROM unnest(?::uuid[], ?::varchar[], ?::text[], ?::text[]) AS l (id, token_id, traits, profile) "
                    + "ON CONFLICT (world_id, token_id) DO UPDATE SET traits = EXCLUDED.traits, last_login = now() "
                    + "RETURNING " + COLUMNS;
            parameters = new Object[] { first.world(), c.createArrayOf("uuid", ids), c.createArrayOf("varchar", keys),
                    c.createArrayOf("text", traits), c.createArrayOf("text", profiles) };
        }
        return returnedUsers(c, first.world(), first.isGuest() ? "client_id" : "token_id", sql, parameters);
    }

    /** An existing user by token uid (no user is created: they could not get in). */
    Optional<LiveUser> byTokenId(Connection c, String world, String uid, List<String> traits) throws SQLException {
        return returnedUsers(c, world, "token_id", "UPDATE users SET traits = ?::jsonb, last_login = now() "
                + "WHERE world_id = ? AND token_id = ? RETURNING " + COLUMNS, json(traits), world, uid)
                .values().stream().findFirst();
    }

    Optional<LiveUser> byClientId(Connection c, String world, String clientId) throws SQLException {
        return returnedUsers(c, world, "client_id", "UPDATE users SET last_login = now() "
                + "WHERE world_id = ? AND client_id = ? RETURNING " + COLUMNS, world, clientId)
                .values().stream().findFirst();
    }

    /**
     * Runs a statement returning user rows and reads those users with their grants, keyed by
     * {@code keyColumn}.
     */
    private Map<String, LiveUser> returnedUsers(Connection c, String world, String keyColumn, String sql,
            Object... parameters) throws SQLException {
        List<Map.Entry<String, LiveUser>> rows = Jdbc.list(c, sql,
                r -> Map.entry(r.getString(keyColumn), user(r, Set.of(), Map.of())), parameters);
        Map<UUID, LiveUser> withGrants = withGrants(c, world, rows.stream().map(Map.Entry::getValue).toList());
        Map<String, LiveUser> users = new LinkedHashMap<>();
        rows.forEach(row -> users.put(row.getKey(), withGrants.get(row.getValue().id())));
        return users;
    }

    private static String json(List<String> values) {
        return JsonForms.MAPPER.valueToTree(values).toString();
    }

    void updateProfile(Connection c, String world, UUID user, ObjectNode profile) throws SQLException {
        Jdbc.update(c, "UPDATE users SET profile = ?::jsonb WHERE world_id = ? AND id = ?", profile.toString(), world, user);
    }

    void updateClientState(Connection c, String world, UUID user, ObjectNode clientState) throws SQLException {
        Jdbc.update(c, "UPDATE users SET client_state = ?::jsonb WHERE world_id = ? AND id = ?",
                clientState.toString(), world, user);
    }

    /**
     * Sets a user's moderation state; false when the world has no such user. Silencing a banned
     * user leaves them banned, as venueless does.
     */
    boolean moderate(Connection c, String world, UUID user, ModerationState state) throws SQLException {
        // One statement whether or not the ban stays: the row count says whether the user exists.
        return Jdbc.update(c, "UPDATE users SET moderation_state = CASE WHEN ? = 'silenced' AND moderation_state = 'banned' "
                + "THEN moderation_state ELSE ? END WHERE world_id = ? AND id = ?",
                state.dbValue(), state.dbValue(), world, user) > 0;
    }

    /** Records that {@code blocker} blocked {@code blocked}; false when the world has no such user. */
    boolean block(Connection c, String world, UUID blocker, UUID blocked) throws SQLException {
        return Jdbc.update(c, "INSERT INTO user_blocks (blocking_user_id, blocked_user_id) "
                + "SELECT ?, id FROM users WHERE world_id = ? AND id = ? ON CONFLICT DO NOTHING", blocker, world, blocked) > 0
                || exists(c, world, blocked);
    }

    /** Lifts a block; false when the world has no such user (venueless: unblocking someone never blocked is fine). */
    boolean unblock(Connection c, String world, UUID blocker, UUID blocked) throws SQLException {
        Jdbc.update(c, "DELETE FROM user_blocks WHERE blocking_user_id = ? AND blocked_user_id = ?", blocker, blocked);
        return exists(c, world, blocked);
    }

    /** The users {@code blocker} has blocked, in the order they were blocked. */
    List<LiveUser> blocked(Connection c, UUID blocker) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS_OF_U + " FROM user_blocks b JOIN users u ON u.id = b.blocked_user_id "
                + "WHERE b.blocking_user_id = ? ORDER BY b.created, u.id", r -> user(r, Set.of(), Map.of()), blocker);
    }

    /** Whether one of {@code blockers} has blocked one of {@code blocked}, leaving aside a block of oneself. */
    boolean anyBlock(Connection c, Collection<UUID> blockers, Collection<UUID> blocked) throws SQLException {
        return !Jdbc.list(c, "SELECT 1 FROM user_blocks WHERE blocking_user_id = ANY (?) AND blocked_user_id = ANY (?) "
                + "AND blocking_user_id <> blocked_user_id LIMIT 1", r -> 1,
                c.createArrayOf("uuid", blockers.toArray()), c.createArrayOf("uuid", blocked.toArray())).isEmpty();
    }

    private static boolean exists(Connection c, String world, UUID user) throws SQLException {
        return !Jdbc.list(c, "SELECT 1 FROM users WHERE world_id = ? AND id = ?", r -> 1, world, user).isEmpty();
    }


    /** The users of the world among {@code ids}, persons only, as venueless lists them. */
    List<LiveUser> people(Connection c, String world, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM users "
                + "WHERE world_id = ? AND id = ANY (?) AND type = 'person' ORDER BY id",
                r -> user(r, Set.of(), Map.of()), world, c.createArrayOf("uuid", ids.toArray()));
    }

    /**
     * How many different users were in a room before and after a socket entered or left it
     * (sockets on live nodes only), and whether that socket's user is in it afterwards.
     */
    record Occupancy(int before, int after, boolean userThere) {
    }

    /** Puts the socket into the room. */
    Occupancy enter(Connection c, String socket, UUID room, UUID user, String node, Set<String> liveNodes)
            throws SQLException {
        int before = usersIn(c, room, liveNodes);
        Jdbc.update(c, "INSERT INTO room_views (socket_id, room_id, user_id, node) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", socket, room, user, node);
        return new Occupancy(before, usersIn(c, room, liveNodes), true);
    }

    /** Takes the socket out of the room; the user may still be there on another socket. */
    Occupancy leave(Connection c, String socket, UUID room, UUID user, Set<String> liveNodes) throws SQLException {
        int before = usersIn(c, room, liveNodes);
        Jdbc.update(c, "DELETE FROM room_views WHERE socket_id = ? AND room_id = ?", socket, room);
        boolean stays = Jdbc.one(c, "SELECT 1 FROM room_views WHERE room_id = ? AND user_id = ? AND node = ANY (?) LIMIT 1",
                r -> Boolean.TRUE, room, user, nodes(c, liveNodes)).isPresent();
        return new Occupancy(before, usersIn(c, room, liveNodes), stays);
    }

    /** The users with a socket in the room on a live node, banned users left out (as venueless shows viewers). */
    List<LiveUser> viewers(Connection c, String world, UUID room, Set<String> liveNodes) throws SQLException {
        List<UUID> ids = Jdbc.list(c, "SELECT DISTINCT v.user_id FROM room_views v JOIN users u ON u.id = v.user_id "
                + "WHERE v.room_id = ? AND v.node = ANY (?) AND u.moderation_state <> 'banned'",
                r -> r.getObject(1, UUID.class), room, nodes(c, liveNodes));
        return people(c, world, ids);
    }

    /** Room → users in it now, for the rooms of a world. */
    Map<UUID, Integer> usersInRooms(Connection c, String world, Set<String> liveNodes) throws SQLException {
        Map<UUID, Integer> counts = new HashMap<>();
        for (Map.Entry<UUID, Integer> count : Jdbc.list(c, "SELECT v.room_id, count(DISTINCT v.user_id) FROM room_views v "
                + "JOIN rooms r ON r.id = v.room_id WHERE r.world_id = ? AND v.node = ANY (?) GROUP BY v.room_id",
                r -> Map.entry(r.getObject(1, UUID.class), r.getInt(2)), world, nodes(c, liveNodes))) {
            counts.put(count.getKey(), count.getValue());
        }
        return counts;
    }

    /** Forgets the room views a node left, e.g. an earlier process that had the same node id. */
    void forgetNode(Connection c, String node) throws SQLException {
        Jdbc.update(c, "DELETE FROM room_views WHERE node = ?", node);
    }

    /** Forgets the room views of nodes that are no longer alive. */
    void forgetDeadNodes(Connection c, Set<String> liveNodes) throws SQLException {
        Jdbc.update(c, "DELETE FROM room_views WHERE NOT (node = ANY (?))", nodes(c, liveNodes));
    }

    private int usersIn(Connection c, UUID room, Set<String> liveNodes) throws SQLException {
        return Jdbc.one(c, "SELECT count(DISTINCT user_id) FROM room_views WHERE room_id = ? AND node = ANY (?)",
                r -> r.getInt(1), room, nodes(c, liveNodes)).orElseThrow();
    }

    private static Array nodes(Connection c, Set<String> liveNodes) throws SQLException {
        return c.createArrayOf("text", liveNodes.toArray());
    }

    /** A role granted to a user in the whole world ({@code room} null) or in one room. */
    private record Grant(UUID user, UUID room, String role) {
    }

    /** The user with the roles granted to them now. */
    LiveUser withCurrentGrants(Connection c, String world, LiveUser user) throws SQLException {
        return withGrants(c, world, List.of(user)).get(user.id());
    }

    /** The users with the roles granted to each explicitly, read in one query. */
    private Map<UUID, LiveUser> withGrants(Connection c, String world, List<LiveUser> users) throws SQLException {
        Map<UUID, LiveUser> byId = new HashMap<>();
        if (users.isEmpty()) {
            return byId;
        }
        Map<UUID, Set<String>> worldRoles = new HashMap<>();
        Map<UUID, Map<UUID, Set<String>>> roomRoles = new HashMap<>();
        Array ids = c.createArrayOf("uuid", users.stream().map(LiveUser::id).toArray());
        List<Grant> grants = Jdbc.list(c, "SELECT user_id, NULL::uuid, role FROM world_grants "
                + "WHERE world_id = ? AND user_id = ANY (?) "
                + "UNION ALL SELECT user_id, room_id, role FROM room_grants WHERE user_id = ANY (?)",
                r -> new Grant(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3)), world, ids, ids);
        for (Grant g : grants) {
            if (g.room() == null) {
                worldRoles.computeIfAbsent(g.user(), k -> new HashSet<>()).add(g.role());
            } else {
                roomRoles.computeIfAbsent(g.user(), k -> new HashMap<>())
                        .computeIfAbsent(g.room(), k -> new HashSet<>()).add(g.role());
            }
        }
        for (LiveUser u : users) {
            byId.put(u.id(), u.withGrants(worldRoles.getOrDefault(u.id(), Set.of()), roomRoles.getOrDefault(u.id(), Map.of())));
        }
        return byId;
    }

    private static LiveUser user(ResultSet r, Set<String> worldRoles, Map<UUID, Set<String>> roomRoles)
            throws SQLException {
        JsonNode profile = JsonForms.parse(r.getString("profile"));
        JsonNode clientState = JsonForms.parse(r.getString("client_state"));
        return new LiveUser(r.getObject("id", UUID.class), r.getString("token_id"),
                UserType.fromDb(r.getString("type")),
                new LinkedHashSet<>(JsonForms.strings(JsonForms.parse(r.getString("traits")))),
                profile instanceof ObjectNode o ? o : JsonForms.MAPPER.createObjectNode(),
                ModerationState.fromDb(r.getString("moderation_state")), r.getBoolean("deleted"),
                Jdbc.instant(r, "last_login"), r.getString("pretalx_id"),
                clientState instanceof ObjectNode o ? o : JsonForms.MAPPER.createObjectNode(), worldRoles, roomRoles);
    }
}
