package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.stoa.worlds.TraitRule;

/**
 * Reads a venueless world-config file, checking it as strictly as venueless did: an unknown key
 * or a missing field is a problem, reported with its JSON path. The first problem in document
 * order is reported; a file that is not valid JSON, or repeats a key in one object, is reported
 * as such before anything else, since it is found while parsing.
 */
public final class WorldConfigReader {

    private static final Pattern WORLD_ID = Pattern.compile("[a-z0-9]{1,50}");
    private static final List<String> JWT_SECRET_KEYS = List.of("issuer", "audience", "secret");

    public WorldConfig read(InputStream json) throws IOException, InvalidWorldConfigException {
        return document(StrictJson.parse(json));
    }

    public WorldConfig read(String json) throws InvalidWorldConfigException {
        return document(StrictJson.parse(json));
    }

    // Parts of a world, read by the same rules as a whole file: what an API update sends.
    // The field names the part in messages, e.g. "trait_grants.viewer[1]: ...".

    /** A world's config without its id and title, e.g. a PATCHed {@code config}. */
    public static ObjectNode worldConfig(JsonNode json, String field) throws InvalidWorldConfigException {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, ConfigValue> member : part(json, field).members().entrySet()) {
            if (member.getKey().equals("id") || member.getKey().equals("title")) {
                throw member.getValue().problem("is not part of the config");
            }
            config.set(member.getKey(), checkedConfig(member.getKey(), member.getValue()));
        }
        return config;
    }

    public static Map<String, List<String>> roles(JsonNode json, String field) throws InvalidWorldConfigException {
        return roles(part(json, field));
    }

    public static Map<String, TraitRule> traitGrants(JsonNode json, String field) throws InvalidWorldConfigException {
        return traitGrants(part(json, field));
    }

    public static List<RoomModule> modules(JsonNode json, String field) throws InvalidWorldConfigException {
        return part(json, field).listOf(WorldConfigReader::module);
    }

    private static ConfigValue part(JsonNode json, String field) {
        return new ConfigValue(json, JsonPath.ROOT.key(field));
    }

    private static Map<String, List<String>> roles(ConfigValue roles) throws InvalidWorldConfigException {
        return roles.mapOf(role -> role.listOf(ConfigValue::string));
    }

    private static WorldConfig document(ConfigValue root) throws InvalidWorldConfigException {
        Map<String, ConfigValue> members = root.members();
        // Missing sections first: a file without rooms would otherwise fail at its first exhibitor.
        root.require(members.get("world"), "world");
        root.require(members.get("rooms"), "rooms");
        Set<String> roomIds = roomIdsIn(root.node());
        WorldSection world = null;
        Map<String, List<String>> roles = null;
        Map<String, TraitRule> traitGrants = null;
        List<RoomConfig> rooms = null;
        List<ExhibitorConfig> exhibitors = List.of();
        for (Map.Entry<String, ConfigValue> member : members.entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "world" -> world = world(value);
                case "roles" -> roles = roles(value);
                case "trait_grants" -> traitGrants = traitGrants(value);
                case "rooms" -> rooms = rooms(value);
                case "exhibitors" -> exhibitors = value.listOf(entry -> exhibitor(entry, roomIds));
                default -> throw value.unknownKey();
            }
        }
        root.require(world, "world");
        return new WorldConfig(world.id(), world.title(), world.config(), roles, traitGrants,
                root.require(rooms, "rooms"), exhibitors);
    }

    /**
     * Exhibitors name their room by its id. Gathering the ids before reading lets a reference be
     * checked where it stands, even when the exhibitors come before the rooms.
     */
    private static Set<String> roomIdsIn(JsonNode root) {
        Set<String> ids = new HashSet<>();
        for (JsonNode room : root.path("rooms")) {
            if (room.path("id").isTextual()) {
                ids.add(room.path("id").textValue());
            }
        }
        return ids;
    }

    private record WorldSection(String id, String title, ObjectNode config) {
    }

    /** Venueless keeps the world's {@code id} and {@code title} apart; every other key is its config. */
    private static WorldSection world(ConfigValue world) throws InvalidWorldConfigException {
        String id = null;
        String title = null;
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, ConfigValue> member : world.members().entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "id" -> id = worldId(value);
                case "title" -> title = value.string(Columns.TITLE);
                default -> config.set(member.getKey(), checkedConfig(member.getKey(), value));
            }
        }
        return new WorldSection(world.require(id, "id"), world.require(title, "title"), config);
    }

    private static String worldId(ConfigValue value) throws InvalidWorldConfigException {
        String id = value.string();
        if (!WORLD_ID.matcher(id).matches()) {
            throw value.problem("must be lower-case letters and digits, at most 50");
        }
        return id;
    }

    /** The config is free-form, but Stoa itself relies on these keys, so they must make sense. */
    private static JsonNode checkedConfig(String key, ConfigValue value) throws InvalidWorldConfigException {
        switch (key) {
            case "JWT_secrets" -> checkJwtSecrets(value);
            case "connection_limit" -> checkConnectionLimit(value);
            default -> {
                // any other key is the business of whichever module reads it
            }
        }
        return value.node();
    }

    private static void checkJwtSecrets(ConfigValue secrets) throws InvalidWorldConfigException {
        for (ConfigValue secret : secrets.elements()) {
            for (Map.Entry<String, ConfigValue> member : secret.members().entrySet()) {
                if (!JWT_SECRET_KEYS.contains(member.getKey())) {
                    throw member.getValue().unknownKey();
                }
                member.getValue().string();
            }
            for (String key : JWT_SECRET_KEYS) {
                secret.require(secret.node().get(key), key);
            }
        }
    }

    private static void checkConnectionLimit(ConfigValue limit) throws InvalidWorldConfigException {
        if (limit.integer() < 0) {
            throw limit.problem("must not be negative");
        }
    }

    /** Role → trait rule, as both the world and its rooms grant roles. */
    private static Map<String, TraitRule> traitGrants(ConfigValue grants) throws InvalidWorldConfigException {
        return grants.mapOf(rule -> TraitRule.of(rule.listOf(WorldConfigReader::traitClause)));
    }

    /** A clause is one trait the user must have, or a list of traits of which any will do. */
    private static List<String> traitClause(ConfigValue clause) throws InvalidWorldConfigException {
        if (clause.node().isTextual()) {
            return List.of(clause.node().textValue());
        }
        if (clause.node().isArray()) {
            return clause.listOf(ConfigValue::string);
        }
        throw clause.problem("must be a trait or a list of traits");
    }

    private static List<RoomConfig> rooms(ConfigValue rooms) throws InvalidWorldConfigException {
        Set<String> seenIds = new HashSet<>();
        return rooms.listOf(entry -> room(entry, seenIds));
    }

    private static RoomConfig room(ConfigValue room, Set<String> seenIds) throws InvalidWorldConfigException {
        String id = null;
        String name = null;
        String description = "";
        String picture = "";
        Integer pretalxId = null;
        Map<String, TraitRule> traitGrants = Map.of();
        List<RoomModule> modules = null;
        for (Map.Entry<String, ConfigValue> member : room.members().entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "id" -> id = newRoomId(value, seenIds);
                case "name" -> name = value.string(Columns.ROOM_NAME);
                case "description" -> description = value.string();
                case "picture" -> picture = value.string();
                case "pretalx_id" -> pretalxId = value.integer();
                case "trait_grants" -> traitGrants = traitGrants(value);
                case "modules" -> modules = value.listOf(WorldConfigReader::module);
                default -> throw value.unknownKey();
            }
        }
        return new RoomConfig(room.require(id, "id"), room.require(name, "name"), description, picture, pretalxId,
                traitGrants, room.require(modules, "modules"));
    }

    /** Re-imports match rooms by this id, so two rooms may not share one. */
    private static String newRoomId(ConfigValue value, Set<String> seenIds) throws InvalidWorldConfigException {
        String id = value.string(Columns.ROOM_IMPORT_ID);
        if (!seenIds.add(id)) {
            throw value.problem("duplicate room id " + JsonPath.quoted(id));
        }
        return id;
    }

    private static RoomModule module(ConfigValue module) throws InvalidWorldConfigException {
        String type = null;
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, ConfigValue> member : module.members().entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "type" -> type = value.string();
                case "config" -> config = value.object();
                default -> throw value.unknownKey();
            }
        }
        return new RoomModule(module.require(type, "type"), config);
    }

    private static ExhibitorConfig exhibitor(ConfigValue exhibitor, Set<String> roomIds)
            throws InvalidWorldConfigException {
        String name = null;
        String tagline = "";
        String shortText = "";
        String logo = "";
        String text = "";
        ArrayNode textContent = null;
        String size = "";
        String room = null;
        List<ExhibitorLink> links = List.of();
        List<ExhibitorLink> socialMediaLinks = List.of();
        for (Map.Entry<String, ConfigValue> member : exhibitor.members().entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "name" -> name = value.string(Columns.EXHIBITOR_NAME);
                case "tagline" -> tagline = value.string();
                case "short_text" -> shortText = value.string();
                case "logo" -> logo = value.string();
                case "text" -> text = value.string();
                case "text_content" -> textContent = value.list();
                case "size" -> size = value.string(Columns.EXHIBITOR_SIZE);
                case "room" -> room = knownRoomId(value, roomIds);
                case "links" -> links = value.listOf(WorldConfigReader::link);
                case "social_media_links" -> socialMediaLinks = value.listOf(WorldConfigReader::link);
                default -> throw value.unknownKey();
            }
        }
        return new ExhibitorConfig(exhibitor.require(name, "name"), tagline, shortText, logo, text, textContent, size,
                exhibitor.require(room, "room"), links, socialMediaLinks);
    }

    private static String knownRoomId(ConfigValue value, Set<String> roomIds) throws InvalidWorldConfigException {
        String id = value.string();
        if (!roomIds.contains(id)) {
            throw value.problem("no room with id " + JsonPath.quoted(id));
        }
        return id;
    }

    private static ExhibitorLink link(ConfigValue link) throws InvalidWorldConfigException {
        String displayText = null;
        String url = null;
        for (Map.Entry<String, ConfigValue> member : link.members().entrySet()) {
            ConfigValue value = member.getValue();
            switch (member.getKey()) {
                case "display_text" -> displayText = value.string();
                case "url" -> url = value.string();
                default -> throw value.unknownKey();
            }
        }
        return new ExhibitorLink(link.require(displayText, "display_text"), link.require(url, "url"));
    }
}
