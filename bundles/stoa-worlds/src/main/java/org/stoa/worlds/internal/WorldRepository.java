package org.stoa.worlds.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.Room;
import org.stoa.worlds.World;

/**
 * All SQL of the world aggregate: worlds, their rooms and exhibitors. Every method works
 * on the caller's connection, so the service decides what one transaction holds.
 */
final class WorldRepository {

    private static final String WORLD_COLUMNS =
            "id, title, domain, config, roles, trait_grants, locale, timezone, feature_flags";
    private static final String ROOM_COLUMNS = "id, world_id, name, description, picture, sorting_priority, "
            + "import_id, pretalx_id, trait_grants, module_config, deleted";

    /** One exhibitor as stored; {@code room} is the room's id. */
    record Exhibitor(UUID room, String name, String tagline, String shortText, String logo, String text,
            ArrayNode textContent, String size, ArrayNode links, ArrayNode socialMediaLinks) {
    }

    Optional<World> world(Connection c, String id) throws SQLException {
        return oneWorld(c, "SELECT " + WORLD_COLUMNS + " FROM worlds WHERE id = ?", id);
    }

    Optional<World> worldAt(Connection c, String domain) throws SQLException {
        return oneWorld(c, "SELECT " + WORLD_COLUMNS + " FROM worlds WHERE domain = ?", domain);
    }

    /** The world, locked until the transaction ends, so concurrent updates queue instead of overwriting. */
    Optional<World> worldForUpdate(Connection c, String id) throws SQLException {
        return oneWorld(c, "SELECT " + WORLD_COLUMNS + " FROM worlds WHERE id = ? FOR UPDATE", id);
    }

    List<World> worlds(Connection c) throws SQLException {
        List<World> worlds = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + WORLD_COLUMNS + " FROM worlds ORDER BY id");
             ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                worlds.add(world(rows));
            }
        }
        return worlds;
    }

    boolean domainTaken(Connection c, String domain, String exceptWorld) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM worlds WHERE domain = ? AND id <> ?")) {
            q.setString(1, domain);
            q.setString(2, exceptWorld == null ? "" : exceptWorld);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Inserts the world; false when its id is taken (nothing changed). */
    boolean insert(Connection c, World w) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO worlds (" + WORLD_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING")) {
            bindWorld(insert, w);
            return insert.executeUpdate() == 1;
        }
    }

    void update(Connection c, World w) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE worlds SET title = ?, domain = ?, "
                + "config = ?::jsonb, roles = ?::jsonb, trait_grants = ?::jsonb, locale = ?, timezone = ?, "
                + "feature_flags = ?::jsonb, updated = now() WHERE id = ?")) {
            update.setString(1, w.title());
            update.setString(2, w.domain());
            update.setString(3, w.config().toString());
            update.setString(4, JsonForms.roles(w.roles()).toString());
            update.setString(5, JsonForms.traitGrants(w.traitGrants()).toString());
            update.setString(6, w.locale());
            update.setString(7, w.timezone());
            update.setString(8, JsonForms.MAPPER.valueToTree(w.featureFlags()).toString());
            update.setString(9, w.id());
            update.executeUpdate();
        }
    }

    List<Room> rooms(Connection c, String worldId, boolean withDeleted) throws SQLException {
        String sql = "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE world_id = ?"
                + (withDeleted ? "" : " AND NOT deleted") + " ORDER BY sorting_priority, name, id";
        List<Room> rooms = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, worldId);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    rooms.add(room(rows));
                }
            }
        }
        return rooms;
    }

    Optional<Room> room(Connection c, String worldId, UUID id) throws SQLException {
        return oneRoom(c, "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE world_id = ? AND id = ? AND NOT deleted",
                worldId, id);
    }

    /**
     * The room a config file means by {@code importId}: the one imported under that id, or,
     * for a room made through the API and exported, the room with that UUID.
     */
    Optional<Room> roomForImport(Connection c, String worldId, String importId) throws SQLException {
        Optional<Room> imported = oneRoom(c, "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE world_id = ? AND import_id = ?",
                worldId, importId);
        if (imported.isPresent()) {
            return imported;
        }
        return oneRoom(c, "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE world_id = ? AND import_id IS NULL "
                + "AND id::text = ?", worldId, importId);
    }

    void insert(Connection c, Room r) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO rooms (" + ROOM_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
            insert.setObject(1, r.id());
            insert.setString(2, r.worldId());
            bindRoomFields(insert, 3, r);
            insert.executeUpdate();
        }
    }

    void update(Connection c, Room r) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET name = ?, description = ?, "
                + "picture = ?, sorting_priority = ?, import_id = ?, pretalx_id = ?, trait_grants = ?::jsonb, "
                + "module_config = ?::jsonb, deleted = ? WHERE id = ? AND world_id = ?")) {
            int next = bindRoomFields(update, 1, r);
            update.setObject(next, r.id());
            update.setString(next + 1, r.worldId());
            update.executeUpdate();
        }
    }

    List<Exhibitor> exhibitors(Connection c, String worldId) throws SQLException {
        List<Exhibitor> exhibitors = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT room_id, name, tagline, short_text, logo, text, "
                + "text_content, size, links, social_media_links FROM exhibitors WHERE world_id = ? "
                + "ORDER BY sorting_priority, name")) {
            q.setString(1, worldId);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    String textContent = rows.getString(7);
                    exhibitors.add(new Exhibitor(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6),
                            textContent == null ? null : (ArrayNode) JsonForms.parse(textContent), rows.getString(8),
                            (ArrayNode) JsonForms.parse(rows.getString(9)), (ArrayNode) JsonForms.parse(rows.getString(10))));
                }
            }
        }
        return exhibitors;
    }

    /** Creates or updates the exhibitor known by world, room and name, as venueless matches them. */
    void upsert(Connection c, String worldId, Exhibitor e, int sortingPriority) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO exhibitors (id, world_id, room_id, name, "
                + "tagline, short_text, logo, text, text_content, size, links, social_media_links, sorting_priority) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?) "
                + "ON CONFLICT (world_id, room_id, name) DO UPDATE SET tagline = excluded.tagline, "
                + "short_text = excluded.short_text, logo = excluded.logo, text = excluded.text, "
                + "text_content = excluded.text_content, size = excluded.size, links = excluded.links, "
                + "social_media_links = excluded.social_media_links, sorting_priority = excluded.sorting_priority")) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setString(2, worldId);
            upsert.setObject(3, e.room());
            upsert.setString(4, e.name());
            upsert.setString(5, e.tagline());
            upsert.setString(6, e.shortText());
            upsert.setString(7, e.logo());
            upsert.setString(8, e.text());
            upsert.setString(9, e.textContent() == null ? null : e.textContent().toString());
            upsert.setString(10, e.size());
            upsert.setString(11, e.links().toString());
            upsert.setString(12, e.socialMediaLinks().toString());
            upsert.setInt(13, sortingPriority);
            upsert.executeUpdate();
        }
    }

    private Optional<World> oneWorld(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(world(rows)) : Optional.empty();
            }
        }
    }

    private Optional<Room> oneRoom(Connection c, String sql, String worldId, Object key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, worldId);
            q.setObject(2, key);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(room(rows)) : Optional.empty();
            }
        }
    }

    private static void bindWorld(PreparedStatement s, World w) throws SQLException {
        s.setString(1, w.id());
        s.setString(2, w.title());
        s.setString(3, w.domain());
        s.setString(4, w.config().toString());
        s.setString(5, JsonForms.roles(w.roles()).toString());
        s.setString(6, JsonForms.traitGrants(w.traitGrants()).toString());
        s.setString(7, w.locale());
        s.setString(8, w.timezone());
        s.setString(9, JsonForms.MAPPER.valueToTree(w.featureFlags()).toString());
    }

    private static int bindRoomFields(PreparedStatement s, int first, Room r) throws SQLException {
        s.setString(first, r.name());
        s.setString(first + 1, r.description());
        s.setString(first + 2, r.picture());
        s.setInt(first + 3, r.sortingPriority());
        s.setString(first + 4, r.importId());
        if (r.pretalxId() == null) {
            s.setNull(first + 5, Types.INTEGER);
        } else {
            s.setInt(first + 5, r.pretalxId());
        }
        s.setString(first + 6, JsonForms.traitGrants(r.traitGrants()).toString());
        s.setString(first + 7, r.moduleConfig().toString());
        s.setBoolean(first + 8, r.deleted());
        return first + 9;
    }

    private static World world(ResultSet row) throws SQLException {
        return new World(row.getString(1), row.getString(2), row.getString(3), (ObjectNode) JsonForms.parse(row.getString(4)),
                JsonForms.roles(JsonForms.parse(row.getString(5))), JsonForms.traitGrants(JsonForms.parse(row.getString(6))),
                row.getString(7), row.getString(8), JsonForms.strings(JsonForms.parse(row.getString(9))));
    }

    private static Room room(ResultSet row) throws SQLException {
        Integer pretalx = row.getInt(8);
        if (row.wasNull()) {
            pretalx = null;
        }
        JsonNode modules = JsonForms.parse(row.getString(10));
        return new Room(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getInt(6), row.getString(7), pretalx,
                JsonForms.traitGrants(JsonForms.parse(row.getString(9))), (ArrayNode) modules, row.getBoolean(11));
    }
}
