package org.stoa.worlds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.worlds.ModerationState.BANNED;
import static org.stoa.worlds.ModerationState.NONE;
import static org.stoa.worlds.ModerationState.SILENCED;
import static org.stoa.worlds.UserType.ANON;
import static org.stoa.worlds.UserType.KIOSK;
import static org.stoa.worlds.UserType.PERSON;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stoa.worlds.Principal;
import org.stoa.worlds.TraitRule;
import org.stoa.worlds.UserType;

class PermissionsTest {

    private static final UUID STAGE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID LOUNGE = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    /** The test world's roles; their permissions show which role a user was granted. */
    private static final Map<String, List<String>> ROLES = Map.of(
            "attendee", List.of("world:view"),
            "speaker", List.of("room:view", "room:chat.send"),
            "host", List.of("room:announce"),
            "admin", List.of("world:update", "room:chat.moderate"));

    private static final Permissions DEFAULT_WORLD =
            new Permissions(Permissions.DEFAULT_ROLES, Permissions.DEFAULT_TRAIT_GRANTS);

    /** One row of the table: in this world, this user holds exactly these permissions there. */
    record Case(String spec, Permissions world, Principal who, Place where, Set<String> holds) {
        @Override
        public String toString() {
            return spec;
        }
    }

    /** The world as a whole, or one room with its trait grants. */
    record Place(UUID room, Map<String, TraitRule> roomGrants) {
        Set<String> permissions(Permissions world, Principal who) {
            return room == null ? world.inWorld(who) : world.inRoom(who, room, roomGrants);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(traitRuleCases(), roomCases(), explicitGrantCases(), roleLookupCases(),
                moderationCases(), defaultWorldCases()).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void holdsExactlyThePermissionsTheRulesGive(Case c) {
        assertEquals(c.holds(), c.where().permissions(c.world(), c.who()), c.spec());
    }

    private static List<Case> traitRuleCases() {
        Permissions ticketAndCheckedIn = worldGranting("attendee", TraitRule.allOf("ticket", "checked-in"));
        Permissions ticketOrPress = worldGranting("attendee", TraitRule.of(List.of(List.of("ticket", "press"))));
        Permissions ticketOrPressAndCheckedIn = worldGranting("attendee",
                TraitRule.of(List.of(List.of("ticket", "press"), List.of("checked-in"))));
        Permissions everyone = worldGranting("attendee", TraitRule.of(List.of()));
        Permissions ticket = worldGranting("attendee", TraitRule.allOf("ticket"));
        return List.of(
                new Case("a rule of single traits grants to a user who has all of them",
                        ticketAndCheckedIn, person("ticket", "checked-in"), worldLevel(),
                        holds("world:view")),
                new Case("a rule of single traits grants nothing when one trait is missing",
                        ticketAndCheckedIn, person("ticket"), worldLevel(),
                        holds()),
                new Case("traits beyond those the rule names do not hurt",
                        ticketAndCheckedIn, person("ticket", "checked-in", "vip"), worldLevel(),
                        holds("world:view")),
                new Case("a clause of alternatives is met by any one of them",
                        ticketOrPress, person("press"), worldLevel(),
                        holds("world:view")),
                new Case("a clause of alternatives fails when the user has none of them",
                        ticketOrPress, person("vip"), worldLevel(),
                        holds()),
                new Case("every clause of alternatives must be met",
                        ticketOrPressAndCheckedIn, person("press", "checked-in"), worldLevel(),
                        holds("world:view")),
                new Case("one unmet clause of alternatives grants nothing",
                        ticketOrPressAndCheckedIn, person("press", "ticket"), worldLevel(),
                        holds()),
                new Case("an empty rule grants to every person, even one without traits",
                        everyone, person(), worldLevel(),
                        holds("world:view")),
                new Case("an empty rule does not grant to a kiosk",
                        everyone, ofType(KIOSK), worldLevel(),
                        holds()),
                new Case("an empty rule does not grant to a guest",
                        everyone, ofType(ANON), worldLevel(),
                        holds()),
                new Case("a kiosk meets a rule with clauses by its traits like anyone",
                        ticket, ofType(KIOSK, "ticket"), worldLevel(),
                        holds("world:view")));
    }

    private static List<Case> roomCases() {
        Map<String, TraitRule> stageGrants = Map.of("speaker", TraitRule.allOf("speaker"));
        Permissions ticketHoldersAttend = worldGranting("attendee", TraitRule.allOf("ticket"));
        return List.of(
                new Case("a room's trait grant holds in that room",
                        withoutTraitGrants(), person("speaker"), room(STAGE, stageGrants),
                        holds("room:view", "room:chat.send")),
                new Case("a room's trait grant does not hold in another room",
                        withoutTraitGrants(), person("speaker"), room(LOUNGE),
                        holds()),
                new Case("a room's trait grant does not hold at world level",
                        withoutTraitGrants(), person("speaker"), worldLevel(),
                        holds()),
                new Case("a world-level trait grant holds in every room",
                        ticketHoldersAttend, person("ticket"), room(LOUNGE),
                        holds("world:view")),
                new Case("in a room, world-level and room grants add up",
                        ticketHoldersAttend, person("ticket", "speaker"), room(STAGE, stageGrants),
                        holds("world:view", "room:view", "room:chat.send")));
    }

    private static List<Case> explicitGrantCases() {
        Principal worldAdmin = new Principal(Set.of(), PERSON, NONE, Set.of("admin"), Map.of());
        Principal stageHost = new Principal(Set.of(), PERSON, NONE, Set.of(), Map.of(STAGE, Set.of("host")));
        return List.of(
                new Case("an explicit world role holds at world level",
                        withoutTraitGrants(), worldAdmin, worldLevel(),
                        holds("world:update", "room:chat.moderate")),
                new Case("an explicit world role holds in every room",
                        withoutTraitGrants(), worldAdmin, room(LOUNGE),
                        holds("world:update", "room:chat.moderate")),
                new Case("an explicit room role holds in its room",
                        withoutTraitGrants(), stageHost, room(STAGE),
                        holds("room:announce")),
                new Case("an explicit room role does not hold in another room",
                        withoutTraitGrants(), stageHost, room(LOUNGE),
                        holds()),
                new Case("an explicit room role does not hold at world level",
                        withoutTraitGrants(), stageHost, worldLevel(),
                        holds()));
    }

    private static List<Case> roleLookupCases() {
        Principal kiosk = new Principal(Set.of(), KIOSK, NONE, Set.of("__kiosk"), Map.of());
        Permissions ownKioskRole = new Permissions(Map.of("__kiosk", List.of("world:view")), Map.of());
        Map<String, TraitRule> guestsMayAsk = Map.of("__anonymous_room", TraitRule.allOf("guest"));
        Principal ghost = new Principal(Set.of(), PERSON, NONE, Set.of("ghost"), Map.of());
        return List.of(
                new Case("a role the world does not define falls back to the system role of that name",
                        withoutTraitGrants(), kiosk, worldLevel(),
                        Set.copyOf(Permissions.SYSTEM_ROLES.get("__kiosk"))),
                new Case("a world's own definition of a system role wins over it",
                        ownKioskRole, kiosk, worldLevel(),
                        holds("world:view")),
                new Case("a room's trait grant may name a system role",
                        withoutTraitGrants(), ofType(ANON, "guest"), room(STAGE, guestsMayAsk),
                        Set.copyOf(Permissions.SYSTEM_ROLES.get("__anonymous_room"))),
                new Case("an explicit grant of an unknown role grants nothing",
                        withoutTraitGrants(), ghost, worldLevel(),
                        holds()),
                new Case("a trait grant of an unknown role grants nothing",
                        worldGranting("ghost", TraitRule.allOf("ticket")), person("ticket"), worldLevel(),
                        holds()));
    }

    private static List<Case> moderationCases() {
        Principal bannedAdmin = new Principal(Set.of("admin"), PERSON, BANNED, Set.of("admin"),
                Map.of(STAGE, Set.of("moderator")));
        Principal silencedAdmin = new Principal(Set.of("admin"), PERSON, SILENCED, Set.of(), Map.of());
        Principal silencedParticipant = new Principal(Set.of(), PERSON, SILENCED, Set.of(),
                Map.of(STAGE, Set.of("participant")));
        Principal silencedUpdater = new Principal(Set.of(), PERSON, SILENCED, Set.of("admin"), Map.of());
        return List.of(
                new Case("a banned user holds nothing in the world, whatever their traits and grants",
                        DEFAULT_WORLD, bannedAdmin, worldLevel(),
                        holds()),
                new Case("a banned user holds nothing in a room, whatever their traits and grants",
                        DEFAULT_WORLD, bannedAdmin, room(STAGE),
                        holds()),
                new Case("a silenced admin keeps at most viewing, reading and joining the chat",
                        DEFAULT_WORLD, silencedAdmin, worldLevel(),
                        holds("world:view", "room:view", "room:chat.read", "room:chat.join")),
                new Case("a silenced room participant keeps at most viewing, reading and joining the chat there",
                        DEFAULT_WORLD, silencedParticipant, room(STAGE),
                        holds("world:view", "room:view", "room:chat.read", "room:chat.join")),
                new Case("a silenced user whose roles hold none of those four keeps nothing",
                        withoutTraitGrants(), silencedUpdater, room(STAGE),
                        holds()));
    }

    private static List<Case> defaultWorldCases() {
        return List.of(
                new Case("by default the admin trait grants the admin role",
                        DEFAULT_WORLD, person("admin"), worldLevel(),
                        Set.copyOf(Permissions.DEFAULT_ROLES.get("admin"))),
                new Case("by default the attendee trait grants viewing the world but no room",
                        DEFAULT_WORLD, person("attendee"), room(STAGE),
                        holds("world:view", "world:exhibition.contact", "world:chat.direct")),
                new Case("by default the schedule-update trait grants world:api only",
                        DEFAULT_WORLD, person("schedule-update"), worldLevel(),
                        holds("world:api")),
                new Case("by default a person without traits holds nothing, as the attendee rule has a clause",
                        DEFAULT_WORLD, person(), worldLevel(),
                        holds()));
    }

    @Test
    void byDefaultAnAdminMayUpdateTheWorld() {
        assertTrue(DEFAULT_WORLD.hasInWorld(person("admin"), "world:update"));
    }

    @Test
    void byDefaultAnAttendeeSeesTheWorldButNoRoom() {
        Principal attendee = person("attendee");

        assertTrue(DEFAULT_WORLD.hasInWorld(attendee, "world:view"));
        assertFalse(DEFAULT_WORLD.hasInRoom(attendee, STAGE, Map.of(), "room:view"));
    }

    @Test
    void hasInWorldNeedsOnlyOneOfThePermissionsNamed() {
        Principal attendee = person("attendee");

        assertTrue(DEFAULT_WORLD.hasInWorld(attendee, "world:update", "world:view"));
        assertFalse(DEFAULT_WORLD.hasInWorld(attendee, "world:update", "world:secrets"));
    }

    @Test
    void hasInWorldWithNoPermissionsNamedIsFalse() {
        assertFalse(DEFAULT_WORLD.hasInWorld(person("admin")));
    }

    @Test
    void hasInRoomNeedsOnlyOneOfThePermissionsNamedAndCountsTheRoomsGrants() {
        Map<String, TraitRule> stageGrants = Map.of("speaker", TraitRule.allOf("speaker"));
        Principal speaker = person("speaker");

        assertTrue(DEFAULT_WORLD.hasInRoom(speaker, STAGE, stageGrants, "room:update", "room:bbb.moderate"));
        assertFalse(DEFAULT_WORLD.hasInRoom(speaker, LOUNGE, Map.of(), "room:update", "room:bbb.moderate"));
    }

    @Test
    void namingAnAllowedPermissionDoesNotUnlockAForbiddenOneForASilencedUser() {
        Principal silencedUpdater = new Principal(Set.of(), PERSON, SILENCED, Set.of("admin"), Map.of());

        assertFalse(withoutTraitGrants().hasInWorld(silencedUpdater, "world:view", "world:update"));
    }

    @Test
    void permissionsComeSortedAndCannotBeChanged() {
        Set<String> held = DEFAULT_WORLD.inRoom(person("admin"), STAGE, Map.of());

        assertEquals(held.stream().sorted().toList(), List.copyOf(held));
        assertThrows(UnsupportedOperationException.class, () -> held.add("world:secrets"));
    }

    @Test
    void changingTheMapsAWorldWasBuiltFromDoesNotChangeIt() {
        Map<String, List<String>> roles = new HashMap<>();
        roles.put("attendee", new ArrayList<>(List.of("world:view")));
        Map<String, TraitRule> grants = new HashMap<>(Map.of("attendee", TraitRule.allOf("ticket")));
        Permissions world = new Permissions(roles, grants);

        roles.get("attendee").add("world:update");
        grants.put("attendee", TraitRule.of(List.of()));

        assertEquals(Set.of("world:view"), world.inWorld(person("ticket")));
        assertEquals(Set.of(), world.inWorld(person()));
    }

    @Test
    void defaultRolesAreVenuelessRolesInItsOrder() {
        assertEquals(List.of("attendee", "viewer", "participant", "room_creator", "room_owner", "speaker",
                "moderator", "admin", "apiuser", "scheduleuser"), List.copyOf(Permissions.DEFAULT_ROLES.keySet()));
    }

    @Test
    void defaultRolesNameEachPermissionOnceWhereItFirstAppears() {
        assertEquals(List.of("world:view", "world:exhibition.contact", "world:chat.direct",
                "room:view", "room:chat.read", "room:digitalsamba.join",
                "room:chat.join", "room:chat.send", "room:question.read", "room:question.ask",
                "room:question.vote", "room:poll.read", "room:poll.vote", "room:roulette.join",
                "room:bbb.join", "room:digitalsamba.speak", "room:januscall.join", "room:zoom.join",
                "room:bbb.moderate", "room:januscall.moderate", "room:poll.early_results"),
                Permissions.DEFAULT_ROLES.get("speaker"));
        Permissions.DEFAULT_ROLES.forEach((role, permissions) ->
                assertEquals(permissions.stream().distinct().toList(), permissions, role));
    }

    @Test
    void eachDefaultRoleBuildsOnTheOneBelowIt() {
        Map<String, List<String>> roles = Permissions.DEFAULT_ROLES;

        assertTrue(roles.get("viewer").containsAll(roles.get("attendee")));
        assertTrue(roles.get("participant").containsAll(roles.get("viewer")));
        assertTrue(roles.get("room_owner").containsAll(roles.get("participant")));
        assertTrue(roles.get("speaker").containsAll(roles.get("participant")));
        assertTrue(roles.get("moderator").containsAll(roles.get("speaker")));
        assertTrue(roles.get("admin").containsAll(roles.get("moderator")));
        assertTrue(roles.get("admin").containsAll(roles.get("room_creator")));
        assertEquals(Stream.concat(roles.get("admin").stream(), Stream.of("world:api", "world:secrets")).toList(),
                roles.get("apiuser"));
        assertEquals(List.of("world:api"), roles.get("scheduleuser"));
    }

    @Test
    void defaultTraitGrantsAreVenuelessGrants() {
        assertEquals(Map.of(
                "attendee", TraitRule.allOf("attendee"),
                "admin", TraitRule.allOf("admin"),
                "scheduleuser", TraitRule.allOf("schedule-update")), Permissions.DEFAULT_TRAIT_GRANTS);
    }

    @Test
    void systemRolesAreVenuelessSystemRoles() {
        assertEquals(Map.of(
                "__kiosk", List.of("world:view", "room:view", "room:chat.read", "room:question.read",
                        "room:poll.read", "room:poll.early_results", "room:viewers", "room:invite.anonymous"),
                "__anonymous_world", List.of("world:view"),
                "__anonymous_room", List.of("room:question.read", "room:question.ask", "room:question.vote",
                        "room:poll.read", "room:poll.vote", "room:view")), Permissions.SYSTEM_ROLES);
    }

    private static Permissions worldGranting(String role, TraitRule rule) {
        return new Permissions(ROLES, Map.of(role, rule));
    }

    private static Permissions withoutTraitGrants() {
        return new Permissions(ROLES, Map.of());
    }

    private static Place worldLevel() {
        return new Place(null, Map.of());
    }

    private static Place room(UUID id) {
        return new Place(id, Map.of());
    }

    private static Place room(UUID id, Map<String, TraitRule> roomGrants) {
        return new Place(id, roomGrants);
    }

    private static Principal person(String... traits) {
        return Principal.ofTraits(List.of(traits));
    }

    private static Principal ofType(UserType type, String... traits) {
        return new Principal(Set.of(traits), type, NONE, Set.of(), Map.of());
    }

    private static Set<String> holds(String... permissions) {
        return Set.of(permissions);
    }
}
