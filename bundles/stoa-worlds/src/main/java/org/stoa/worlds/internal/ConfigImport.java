package org.stoa.worlds.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.ImportedWorld;
import org.stoa.worlds.Room;
import org.stoa.worlds.World;
import org.stoa.worlds.internal.config.ExhibitorConfig;
import org.stoa.worlds.internal.config.ExhibitorLink;
import org.stoa.worlds.internal.config.RoomConfig;
import org.stoa.worlds.internal.config.RoomModule;
import org.stoa.worlds.internal.config.WorldConfig;

/**
 * Moves a world between the database and the venueless config format: import creates or
 * updates in place (rooms matched by import id, exhibitors by room and name), export writes
 * what import reads.
 */
final class ConfigImport {

    private final WorldRepository repository;

    ConfigImport(WorldRepository repository) {
        this.repository = repository;
    }

    /** Applies a validated config on the caller's transaction; {@code domain} null keeps the world's. */
    ImportedWorld apply(Connection c, WorldConfig config, String domain) throws SQLException {
        Optional<World> existing = repository.worldForUpdate(c, config.id());
        World world = new World(config.id(), config.title(),
                domain != null ? domain : existing.map(World::domain).orElse(null), config.config(),
                config.roles() != null ? config.roles()
                        : existing.map(World::roles).orElse(Permissions.DEFAULT_ROLES),
                config.traitGrants() != null ? config.traitGrants()
                        : existing.map(World::traitGrants).orElse(Permissions.DEFAULT_TRAIT_GRANTS),
                existing.map(World::locale).orElse("en"), existing.map(World::timezone).orElse("Europe/Berlin"),
                existing.map(World::featureFlags).orElse(List.of("chat-moderation")));
        if (existing.isPresent()) {
            repository.update(c, world);
        } else {
            repository.insert(c, world);
        }
        int created = 0;
        Map<String, UUID> roomIds = new HashMap<>();
        for (int i = 0; i < config.rooms().size(); i++) {
            RoomConfig rc = config.rooms().get(i);
            Optional<Room> room = repository.roomForImport(c, world.id(), rc.id());
            Room imported = new Room(room.map(Room::id).orElseGet(UUID::randomUUID), world.id(), rc.name(),
                    rc.description(), rc.picture(), i, room.map(Room::importId).orElse(rc.id()), rc.pretalxId(),
                    rc.traitGrants(), modules(rc.modules()), false);
            if (room.isPresent()) {
                repository.update(c, imported);
            } else {
                repository.insert(c, imported);
                created++;
            }
            roomIds.put(rc.id(), imported.id());
        }
        for (int i = 0; i < config.exhibitors().size(); i++) {
            ExhibitorConfig e = config.exhibitors().get(i);
            repository.upsert(c, world.id(), new WorldRepository.Exhibitor(roomIds.get(e.room()), e.name(), e.tagline(),
                    e.shortText(), e.logo(), e.text(), e.textContent(), e.size(), links(e.links()),
                    links(e.socialMediaLinks())), i);
        }
        // Exhibitors are matched by room and name: a file listing one twice stores it once.
        long exhibitors = config.exhibitors().stream().map(e -> List.of(e.room(), e.name())).distinct().count();
        return new ImportedWorld(world.id(), existing.isEmpty(), created, config.rooms().size() - created,
                (int) exhibitors);
    }

    WorldConfig export(Connection c, World world) throws SQLException {
        List<Room> rooms = repository.rooms(c, world.id(), false);
        Map<UUID, String> importIds = new HashMap<>();
        List<RoomConfig> roomConfigs = new ArrayList<>();
        for (Room r : rooms) {
            String id = r.importId() != null ? r.importId() : r.id().toString();
            importIds.put(r.id(), id);
            roomConfigs.add(new RoomConfig(id, r.name(), r.description(), r.picture(), r.pretalxId(), r.traitGrants(),
                    roomModules(r.moduleConfig())));
        }
        List<ExhibitorConfig> exhibitors = new ArrayList<>();
        for (WorldRepository.Exhibitor e : repository.exhibitors(c, world.id())) {
            // An exhibitor of a deleted room has nowhere to go in the file.
            if (importIds.containsKey(e.room())) {
                exhibitors.add(new ExhibitorConfig(e.name(), e.tagline(), e.shortText(), e.logo(), e.text(),
                        e.textContent(), e.size(), importIds.get(e.room()), exhibitorLinks(e.links()),
                        exhibitorLinks(e.socialMediaLinks())));
            }
        }
        return new WorldConfig(world.id(), world.title(), world.config(), world.roles(), world.traitGrants(),
                roomConfigs, exhibitors);
    }

    private static ArrayNode modules(List<RoomModule> modules) {
        ArrayNode json = JsonForms.MAPPER.createArrayNode();
        modules.forEach(m -> json.addObject().put("type", m.type()).set("config", m.config()));
        return json;
    }

    private static List<RoomModule> roomModules(ArrayNode json) {
        List<RoomModule> modules = new ArrayList<>();
        for (JsonNode m : json) {
            JsonNode config = m.path("config");
            modules.add(new RoomModule(m.path("type").asText(),
                    config.isObject() ? (ObjectNode) config : JsonForms.MAPPER.createObjectNode()));
        }
        return modules;
    }

    private static ArrayNode links(List<ExhibitorLink> links) {
        ArrayNode json = JsonForms.MAPPER.createArrayNode();
        links.forEach(l -> json.addObject().put("display_text", l.displayText()).put("url", l.url()));
        return json;
    }

    private static List<ExhibitorLink> exhibitorLinks(ArrayNode json) {
        List<ExhibitorLink> links = new ArrayList<>();
        json.forEach(l -> links.add(new ExhibitorLink(l.path("display_text").asText(), l.path("url").asText())));
        return links;
    }
}
