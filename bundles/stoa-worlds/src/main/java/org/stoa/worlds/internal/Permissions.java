package org.stoa.worlds.internal;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toUnmodifiableMap;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.stoa.worlds.ModerationState;
import org.stoa.worlds.Principal;
import org.stoa.worlds.TraitRule;
import org.stoa.worlds.UserType;
import org.stoa.worlds.World;

/**
 * What users may do in one world, evaluated as venueless does: a user holds every role
 * whose trait rule their traits satisfy, at world level and in a room also by the room's
 * trait grants, plus roles granted to them explicitly; a role stands for the permissions
 * the world lists under its name. Results are sorted so that output is stable.
 */
public final class Permissions {

    /** The roles a new world starts with, in venueless' order. */
    public static final Map<String, List<String>> DEFAULT_ROLES = defaultRoles();

    /** The trait grants a new world starts with. */
    public static final Map<String, TraitRule> DEFAULT_TRAIT_GRANTS = defaultTraitGrants();

    /**
     * Roles the server hands to kiosks and guests; they apply when a world does not
     * define a role of the same name itself.
     */
    public static final Map<String, List<String>> SYSTEM_ROLES = systemRoles();

    /** All a silenced user may keep: they can still look and read, but not speak. */
    public static final Set<String> SILENCED_MAXIMUM = sorted(
            Stream.of("world:view", "room:view", "room:chat.read", "room:chat.join"));

    private final Map<String, List<String>> roles;
    private final Map<String, TraitRule> worldTraitGrants;

    /**
     * @param roles            the world's roles: role name → permissions
     * @param worldTraitGrants the world's trait grants: role name → who holds it
     */
    public Permissions(Map<String, List<String>> roles, Map<String, TraitRule> worldTraitGrants) {
        this.roles = roles.entrySet().stream()
                .collect(toUnmodifiableMap(Map.Entry::getKey, role -> List.copyOf(role.getValue())));
        this.worldTraitGrants = Map.copyOf(worldTraitGrants);
    }

    /** The world's roles and trait grants, read once. */
    public static Permissions of(World world) {
        return new Permissions(world.roles(), world.traitGrants());
    }

    /** The permissions the principal holds in the world as a whole. */
    public Set<String> inWorld(Principal principal) {
        return permissionsOf(principal, rolesInWorld(principal));
    }

    /**
     * The permissions the principal holds in one room: those held in the whole world and
     * those the room grants.
     *
     * @param roomTraitGrants the room's trait grants; the roles they name are the world's
     */
    public Set<String> inRoom(Principal principal, UUID roomId, Map<String, TraitRule> roomTraitGrants) {
        Stream<String> roomRoles = Stream.concat(
                rolesGrantedByTraits(principal, roomTraitGrants),
                principal.roomRoles().getOrDefault(roomId, Set.of()).stream());
        return permissionsOf(principal, Stream.concat(rolesInWorld(principal), roomRoles));
    }

    /**
     * Whether the principal holds at least one of these permissions in the world. Silencing
     * applies before the choice, so naming an allowed permission never unlocks a forbidden one.
     */
    public boolean hasInWorld(Principal principal, String... anyOf) {
        return holdsAny(inWorld(principal), anyOf);
    }

    /** Whether the principal holds at least one of these permissions in the room. */
    public boolean hasInRoom(Principal principal, UUID roomId, Map<String, TraitRule> roomTraitGrants,
            String... anyOf) {
        return holdsAny(inRoom(principal, roomId, roomTraitGrants), anyOf);
    }

    private Stream<String> rolesInWorld(Principal principal) {
        return Stream.concat(rolesGrantedByTraits(principal, worldTraitGrants), principal.worldRoles().stream());
    }

    private static Stream<String> rolesGrantedByTraits(Principal principal, Map<String, TraitRule> traitGrants) {
        // A rule without clauses is meant for "everyone who signed in", not for kiosks or guests.
        boolean emptyMatches = principal.type() == UserType.PERSON;
        return traitGrants.entrySet().stream()
                .filter(grant -> grant.getValue().matches(principal.traits(), emptyMatches))
                .map(Map.Entry::getKey);
    }

    private Set<String> permissionsOf(Principal principal, Stream<String> heldRoles) {
        if (principal.moderation() == ModerationState.BANNED) {
            return sorted(Stream.empty());
        }
        Predicate<String> kept = principal.moderation() == ModerationState.SILENCED
                ? SILENCED_MAXIMUM::contains
                : permission -> true;
        return sorted(heldRoles.map(this::permissionsOfRole).flatMap(List::stream).filter(kept));
    }

    private List<String> permissionsOfRole(String role) {
        return roles.getOrDefault(role, SYSTEM_ROLES.getOrDefault(role, List.of()));
    }

    private static boolean holdsAny(Set<String> held, String... anyOf) {
        return Arrays.stream(anyOf).anyMatch(held::contains);
    }

    private static SortedSet<String> sorted(Stream<String> permissions) {
        return Collections.unmodifiableSortedSet(permissions.collect(toCollection(TreeSet::new)));
    }

    private static Map<String, List<String>> defaultRoles() {
        List<String> attendee = List.of("world:view", "world:exhibition.contact", "world:chat.direct");
        List<String> viewer = join(attendee, List.of("room:view", "room:chat.read", "room:digitalsamba.join"));
        List<String> participant = join(viewer, List.of(
                "room:chat.join", "room:chat.send", "room:question.read", "room:question.ask",
                "room:question.vote", "room:poll.read", "room:poll.vote", "room:roulette.join",
                "room:bbb.join", "room:digitalsamba.join", "room:digitalsamba.speak",
                "room:januscall.join", "room:zoom.join"));
        List<String> roomCreator = List.of("world:rooms.create.chat");
        List<String> roomOwner = join(participant, List.of("room:invite", "room:delete"));
        List<String> speaker = join(participant, List.of(
                "room:bbb.moderate", "room:digitalsamba.speak", "room:januscall.moderate",
                "room:poll.early_results"));
        List<String> moderator = join(speaker, List.of(
                "room:viewers", "room:chat.moderate", "room:announce", "room:bbb.recordings",
                "room:digitalsamba.moderate", "room:digitalsamba.recordings", "room:question.moderate",
                "room:poll.early_results", "room:poll.manage", "world:announce"));
        List<String> admin = join(moderator, roomCreator, List.of(
                "world:update", "room:delete", "room:update", "world:rooms.create.bbb",
                "world:rooms.create.stage", "world:rooms.create.exhibition", "world:rooms.create.poster",
                "world:users.list", "world:users.manage", "world:graphs", "world:connections.unlimited"));
        List<String> apiuser = join(admin, List.of("world:api", "world:secrets"));
        List<String> scheduleuser = List.of("world:api");

        Map<String, List<String>> defaults = new LinkedHashMap<>();
        defaults.put("attendee", attendee);
        defaults.put("viewer", viewer);
        defaults.put("participant", participant);
        defaults.put("room_creator", roomCreator);
        defaults.put("room_owner", roomOwner);
        defaults.put("speaker", speaker);
        defaults.put("moderator", moderator);
        defaults.put("admin", admin);
        defaults.put("apiuser", apiuser);
        defaults.put("scheduleuser", scheduleuser);
        return Collections.unmodifiableMap(defaults);
    }

    /** Venueless builds roles by concatenating lists; a permission named twice is kept once. */
    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).distinct().toList();
    }

    private static Map<String, TraitRule> defaultTraitGrants() {
        Map<String, TraitRule> defaults = new LinkedHashMap<>();
        defaults.put("attendee", TraitRule.allOf("attendee"));
        defaults.put("admin", TraitRule.allOf("admin"));
        defaults.put("scheduleuser", TraitRule.allOf("schedule-update"));
        return Collections.unmodifiableMap(defaults);
    }

    private static Map<String, List<String>> systemRoles() {
        Map<String, List<String>> system = new LinkedHashMap<>();
        system.put("__kiosk", List.of("world:view", "room:view", "room:chat.read", "room:question.read",
                "room:poll.read", "room:poll.early_results", "room:viewers", "room:invite.anonymous"));
        system.put("__anonymous_world", List.of("world:view"));
        system.put("__anonymous_room", List.of("room:question.read", "room:question.ask", "room:question.vote",
                "room:poll.read", "room:poll.vote", "room:view"));
        return Collections.unmodifiableMap(system);
    }
}
