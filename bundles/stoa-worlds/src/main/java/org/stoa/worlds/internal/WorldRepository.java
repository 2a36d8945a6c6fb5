package org.stoa.worlds.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.db.Jdbc;
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
        return Jdbc.list(c, "SELECT " + WORLD_COLUMNS + " FROM worlds ORDER BY id", WorldRepository::world);
    }

    boolean domainTaken(Connection c, String domain, String exceptWorld) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM worlds WHERE domain = ? AND id <> ?", row -> true,
                domain, exceptWorld == null ? "" : exceptWorld).isPresent();
    }

    /** Inserts the world; false when its id is taken (nothing changed). */
    boolean insert(Connection c, World w) throws SQLException {
        return Jdbc.update(c, "INSERT INTO worlds (" + WORLD_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING",
                w.id(), w.title(), w.domain(), w.config().toString(), JsonForms.roles(w.roles()).toString(),
                JsonForms.traitGrants(w.traitGrants()).toString(), w.locale(), w.timezone(), featureFlags(w)) == 1;
    }

    void update(Connection c, World w) throws SQLException {
        Jdbc.update(c, "UPDATE worlds SET title = ?, domain = ?, "
                + "config = ?::jsonb, roles = ?::jsonb, trait_grants = ?::jsonb, locale = ?, timezone = ?, "
                + "feature_flags = ?::jsonb, updated = now() WHERE id = ?",
                w.title(), w.domain(), w.config().toString(), JsonForms.roles(w.roles()).toString(),
                JsonForms.traitGrants(w.traitGrants()).toString(), w.locale(), w.timezone(), featureFlags(w), w.id());
    }

    List<Room> rooms(Connection c, String worldId, boolean withDeleted) throws SQLException {
        String sql = "SELECT " + ROOM_COLUMNS + " FROM rooms WHERE world_id = ?"
                + (withDeleted ? "" : " AND NOT deleted") + " ORDER BY sorting_priority, name, id";
        return Jdbc.list(c, sql, WorldRepository::room, worldId);
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
        Jdbc.update(c, "INSERT INTO rooms (" + ROOM_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)",
                r.id(), r.worldId(), r.name(), r.description(), r.picture(), r.sortingPriority(), r.importId(),
                r.pretalxId(), JsonForms.traitGrants(r.traitGrants()).toString(), r.moduleConfig().toString(),
                r.deleted());
    }

    void update(Connection c, Room r) throws SQLException {
        Jdbc.update(c, "UPDATE rooms SET name = ?, description = ?, "
                + "picture = ?, sorting_priority = ?, import_id = ?, pretalx_id = ?, trait_grants = ?::jsonb, "
                + "module_config = ?::jsonb, deleted = ? WHERE id = ? AND world_id = ?",
                r.name(), r.description(), r.picture(), r.sortingPriority(), r.importId(), r.pretalxId(),
                JsonForms.traitGrants(r.traitGrants()).toString(), r.moduleConfig().toString(), r.deleted(),
                r.id(), r.worldId());
    }

    List<Exhibitor> exhibitors(Connection c, String worldId) throws SQLException {
        return Jdbc.list(c, "SELECT room_id, name, tagline, short_text, logo, text, "
                + "text_content, size, links, social_media_links FROM exhibitors WHERE world_id = ? "
                + "ORDER BY sorting_priority, name", WorldRepository::exhibitor, worldId);
    }

    /** Creates or updates the exhibitor known by world, room and name, as venueless matches them. */
    void upsert(Connection c, String worldId, Exhibitor e, int sortingPriority) throws SQLException {
        Jdbc.update(c, "INSERT INTO exhibitors (id, world_id, room_id, name, "
                + "tagline, short_text, logo, text, text_content, size, links, social_media_links, sorting_priority) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?) "
                + "ON CONFLICT (world_id, room_id, name) DO UPDATE SET tagline = excluded.tagline, "
                + "short_text = excluded.short_text, logo = excluded.logo, text = excluded.text, "
                + "text_content = excluded.text_content, size = excluded.size, links = excluded.links, "
                + "social_media_links = excluded.social_media_links, sorting_priority = excluded.sorting_priority",
                UUID.randomUUID(), worldId, e.room(), e.name(), e.tagline(), e.shortText(), e.logo(), e.text(),
                e.textContent() == null ? null : e.textContent().toString(), e.size(), e.links().toString(),
                e.socialMediaLinks().toString(), sortingPriority);
    }

    private Optional<World> oneWorld(Connection c, String sql, String id) throws SQLException {
        return Jdbc.one(c, sql, WorldRepository::world, id);
    }

    private Optional<Room> oneRoom(Connection c, String sql, String worldId, Object key) throws SQLException {
        return Jdbc.one(c, sql, WorldRepository::room, worldId, key);
    }

    private static String featureFlags(World w) {
        return JsonForms.MAPPER.valueToTree(w.featureFlags()).toString();
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

    private static Exhibitor exhibitor(ResultSet row) throws SQLException {
        String textContent = row.getString(7);
        return new Exhibitor(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), textContent == null ? null : (ArrayNode) JsonForms.parse(textContent),
                row.getString(8), (ArrayNode) JsonForms.parse(row.getString(9)),
                (ArrayNode) JsonForms.parse(row.getString(10)));
    }
}
