package org.stoa.worlds.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.Principal;
import org.stoa.worlds.Room;
import org.stoa.worlds.RoomModuleView;
import org.stoa.worlds.World;
import org.stoa.worlds.internal.JsonForms;
import org.stoa.worlds.internal.Permissions;

/**
 * A world with its rooms and how many users are in each, read once and shown to many users:
 * each sees the world config filtered by their permissions, as venueless builds it.
 */
record WorldView(World world, Permissions permissions, List<Room> rooms, Map<UUID, Integer> usersInRooms,
        List<RoomModuleView> moduleViews, long loadedNanos) {

    /**
     * The world's roles and grants are read into {@link Permissions} once per read, not once per user.
     * {@code moduleViews} is the live list of the modules' views: one installed later shows at once.
     */
    WorldView(World world, List<Room> rooms, Map<UUID, Integer> usersInRooms, List<RoomModuleView> moduleViews,
            long loadedNanos) {
        this(world, Permissions.of(world), rooms, usersInRooms, moduleViews, loadedNanos);
    }

    WorldView(World world, List<Room> rooms, Map<UUID, Integer> usersInRooms, long loadedNanos) {
        this(world, rooms, usersInRooms, List.of(), loadedNanos);
    }

    /** A user counts as inactive after this long without a login, as in venueless. */
    private static final Duration INACTIVE_AFTER = Duration.ofHours(36);

    /** {@code {"world": {...}, "permissions": [...], "rooms": [...]}} for this user. */
    ObjectNode configFor(Principal principal) {
        ObjectNode config = JsonForms.MAPPER.createObjectNode();
        ObjectNode w = config.putObject("world");
        w.put("id", world.id());
        w.put("title", world.title());
        ObjectNode noBlockers = JsonForms.MAPPER.createObjectNode();
        noBlockers.putObject("default").put("enabled", false).putNull("policy_url");
        copySetting(w, "pretalx", JsonForms.MAPPER.createObjectNode());
        copySetting(w, "profile_fields", JsonForms.MAPPER.createArrayNode());
        copySetting(w, "social_logins", JsonForms.MAPPER.createArrayNode());
        copySetting(w, "iframe_blockers", noBlockers);
        copySetting(w, "onsite_traits", JsonForms.MAPPER.createArrayNode());
        Set<String> inWorld = permissions.inWorld(principal);
        inWorld.forEach(config.putArray("permissions")::add);
        ArrayNode rooms = config.putArray("rooms");
        for (Room room : this.rooms) {
            Set<String> inRoom = permissions.inRoom(principal, room.id(), room.traitGrants());
            if (inRoom.contains("room:view")) {
                rooms.add(roomConfig(room, inRoom));
            }
        }
        return config;
    }

    /** A world config setting the client sees, or venueless' default for it when the world has none. */
    private void copySetting(ObjectNode target, String key, JsonNode fallback) {
        JsonNode value = world.config().get(key);
        target.set(key, value == null ? fallback : value);
    }

    /** The ids of the rooms this user may see. */
    Set<String> visibleRooms(Principal principal) {
        Set<String> visible = new TreeSet<>();
        for (Room room : rooms) {
            if (permissions.hasInRoom(principal, room.id(), room.traitGrants(), "room:view")) {
                visible.add(room.id().toString());
            }
        }
        return visible;
    }

    Room room(UUID id) {
        return rooms.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    private ObjectNode roomConfig(Room room, Set<String> permissions) {
        ObjectNode r = JsonForms.MAPPER.createObjectNode();
        r.put("id", room.id().toString());
        r.put("name", room.name());
        r.put("description", room.description());
        if (room.picture() == null || room.picture().isEmpty()) {
            r.putNull("picture");
        } else {
            r.put("picture", room.picture());
        }
        r.put("import_id", room.importId());
        if (room.pretalxId() == null) {
            r.putNull("pretalx_id");
        } else {
            r.put("pretalx_id", room.pretalxId());
        }
        ArrayNode held = r.putArray("permissions");
        permissions.stream().filter(p -> !p.startsWith("world:")).forEach(held::add);
        r.put("force_join", false);
        ArrayNode modules = r.putArray("modules");
        for (JsonNode module : room.moduleConfig()) {
            ObjectNode copy = module.deepCopy();
            // Credentials of a BigBlueButton server stay on the server.
            if ("call.bigbluebutton".equals(module.path("type").asText())) {
                copy.putObject("config");
            }
            for (RoomModuleView view : moduleViews) {
                view.show(room, copy);
            }
            modules.add(copy);
        }
        r.putNull("schedule_data");
        r.put("users", approximate(usersInRooms.getOrDefault(room.id(), 0)));
        return r;
    }

    /** The user config a client gets about itself: {@code user.config}. */
    ObjectNode userConfig(LiveUser user) {
        ObjectNode u = publicUser(user);
        u.set("client_state", user.clientState());
        return u;
    }

    /** What any user of the world may see of a user: with the badges the world gives their traits. */
    ObjectNode publicUser(LiveUser user) {
        JsonNode traitBadges = world.config().path("trait_badges_map");
        ObjectNode u = JsonForms.MAPPER.createObjectNode();
        u.put("id", user.id().toString());
        u.set("profile", user.profile());
        if (user.pretalxId() == null) {
            u.putNull("pretalx_id");
        } else {
            u.put("pretalx_id", user.pretalxId());
        }
        u.put("deleted", user.deleted());
        ArrayNode badges = u.putArray("badges");
        Set<String> sorted = new TreeSet<>();
        traitBadges.fields().forEachRemaining(e -> {
            if (user.traits().contains(e.getKey())) {
                sorted.add(e.getValue().asText());
            }
        });
        sorted.forEach(badges::add);
        u.put("inactive", user.lastLogin() == null || user.lastLogin().isBefore(Instant.now().minus(INACTIVE_AFTER)));
        return u;
    }

    /** Venueless shows rooms' occupancy coarsely: none, few (up to 10) or many. */
    static String approximate(int users) {
        return users < 1 ? "none" : users > 10 ? "many" : "few";
    }
}
