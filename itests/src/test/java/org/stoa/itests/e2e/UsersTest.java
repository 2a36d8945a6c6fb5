package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stoa.itests.e2e.WsClient.assertError;
import static org.stoa.itests.e2e.WsClient.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/**
 * The user actions over the venueless protocol on two Stoa nodes sharing one PostgreSQL: a
 * profile change reaching the user's other sockets, what user managers see, blocks, and a ban or
 * silence reaching the target's sockets on the other node at once.
 */
class UsersTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(20);

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;
    private static String chatChannel;

    private final List<WsClient> open = new ArrayList<>();
    private JsonNode joinPayload;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("users-pg"));
        database.createDatabaseIfMissing("stoa_users");
        first = StoaInstance.unpack("users1", 3000, node());
        second = StoaInstance.unpack("users2", 3100, node());
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        first.importSampleWorld("people", "people.example.org");
        try (WsClient admin = WsClient.open(first.http(), "people")) {
            JsonNode in = admin.authenticate(first.rawToken("people", "admin"));
            for (JsonNode room : in.at("/world.config/rooms")) {
                for (JsonNode module : room.path("modules")) {
                    if (module.path("type").asText().equals("chat.native")) {
                        chatChannel = module.path("channel_id").asText(null);
                    }
                }
            }
        }
    }

    private static Map<String, String> node() {
        Map<String, String> node = new HashMap<>(ExternalPostgres.environment(database, "stoa_users"));
        node.put("STOA_SPOKE_ENABLED", "false");
        node.put("STOA_ENVIRONMENT", "users");
        return node;
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(second, first, database);
    }

    @AfterEach
    void closeSockets() {
        open.forEach(WsClient::close);
    }

    private WsClient login(StoaInstance node, String token) throws Exception {
        WsClient client = WsClient.open(node.http(), "people");
        open.add(client);
        joinPayload = client.authenticate(token);
        return client;
    }

    private String id() {
        return joinPayload.at("/user.config/id").asText();
    }

    @Test
    void aProfileAndClientStateChangeReachTheUsersOtherSocketsOnBothNodesAndLastAcrossLogins() throws Exception {
        String token = first.rawToken("people", "attendee");
        WsClient here = login(first, token);
        WsClient there = login(second, token);
        WsClient alsoHere = login(first, token);
        assertSuccess(here.call("user.update", Map.of("profile", Map.of("display_name", "Ada"),
                "client_state", Map.of("theme", "dark"))));
        for (WsClient other : List.of(there, alsoHere)) {
            JsonNode pushed = other.await(f -> f.get(0).asText().equals("user.updated"), SOON).get(1);
            assertEquals("Ada", pushed.at("/profile/display_name").asText(), pushed.toString());
            assertEquals("dark", pushed.at("/client_state/theme").asText(), pushed.toString());
        }
        JsonNode own = here.nothingFor(Duration.ofSeconds(2));
        assertTrue(own == null || !own.get(0).asText().equals("user.updated"), "the sender is not told: " + own);

        assertSuccess(there.call("user.update", Map.of("client_state", Map.of("theme", "light"))));
        login(second, token);
        assertEquals("Ada", joinPayload.at("/user.config/profile/display_name").asText(), joinPayload.toString());
        assertEquals("light", joinPayload.at("/user.config/client_state/theme").asText(), joinPayload.toString());

        assertError("protocol.invalid", here.call("user.update", Map.of("profile", "Ada")));
        assertError("protocol.invalid", here.call("user.update", Map.of("client_state", List.of())));
    }

    @Test
    void userManagersSeeTheModerationStateOthersDoNot() throws Exception {
        login(first, first.rawToken("people", "attendee"));
        String target = id();
        WsClient attendee = login(first, first.rawToken("people", "attendee"));
        WsClient admin = login(second, first.rawToken("people", "admin"));
        JsonNode seen = assertSuccess(attendee.call("user.fetch", Map.of("id", target)));
        assertFalse(seen.has("moderation_state"), seen.toString());
        JsonNode managed = assertSuccess(admin.call("user.fetch", Map.of("ids", List.of(target)))).get(target);
        assertEquals("", managed.path("moderation_state").asText("missing"), managed.toString());
        assertTrue(managed.has("token_id"), managed.toString());
    }

    @Test
    void blocksAreListedLiftedAndRefusedWithVenuelesssCodes() throws Exception {
        login(first, first.rawToken("people", "attendee"));
        String pest = id();
        WsClient me = login(second, first.rawToken("people", "attendee"));
        assertError("user.block.self", me.call("user.block", Map.of("id", id())));
        assertError("user.unblock.self", me.call("user.unblock", Map.of("id", id())));
        assertError("user.not_found", me.call("user.block", Map.of("id", "00000000-0000-0000-0000-000000000000")));
        assertError("user.not_found", me.call("user.block", Map.of("id", "nobody")));
        assertSuccess(me.call("user.block", Map.of("id", pest)));
        assertSuccess(me.call("user.block", Map.of("id", pest)));
        ArrayNode blocked = (ArrayNode) assertSuccess(me.call("user.list.blocked", Map.of())).get("users");
        assertEquals(1, blocked.size(), blocked.toString());
        assertEquals(pest, blocked.get(0).path("id").asText());
        assertSuccess(me.call("user.unblock", Map.of("id", pest)));
        assertEquals(0, assertSuccess(me.call("user.list.blocked", Map.of())).get("users").size());
    }

    @Test
    void onlyUserManagersModerateAndNeverThemselves() throws Exception {
        login(first, first.rawToken("people", "attendee"));
        String target = id();
        WsClient moderator = login(first, first.rawToken("people", "moderator"));
        for (String action : List.of("user.ban", "user.silence", "user.reactivate")) {
            assertError("protocol.denied", moderator.call(action, Map.of("id", target)));
        }
        WsClient admin = login(first, first.rawToken("people", "admin"));
        assertError("user.ban.self", admin.call("user.ban", Map.of("id", id())));
        assertError("user.silence.self", admin.call("user.silence", Map.of("id", id())));
        assertError("user.reactivate.self", admin.call("user.reactivate", Map.of("id", id())));
        assertError("user.not_found", admin.call("user.ban", Map.of("id", "00000000-0000-0000-0000-000000000000")));
    }

    @Test
    void aSilencedUserLosesSpeechAtOnceOnEveryNodeAndABannedOneIsReloadedAndRefused() throws Exception {
        String token = first.rawToken("people", "attendee");
        WsClient victim = login(second, token);
        String target = id();
        assertSuccess(victim.call("user.update", Map.of("profile", Map.of("display_name", "Loud"))));
        WsClient admin = login(first, first.rawToken("people", "admin"));

        assertTrue(chatChannel != null, "the sample world has a chat room");
        assertSuccess(victim.call("chat.join", Map.of("channel", chatChannel)));
        assertSuccess(admin.call("user.silence", Map.of("id", target)));
        victim.await(f -> f.get(0).asText().equals("connection.reload"), SOON);
        // The socket still open is silenced now, in the two seconds before the server closes it.
        assertError("protocol.denied", victim.call("chat.send", Map.of("channel", chatChannel,
                "event_type", "channel.message", "content", Map.of("type", "text", "body", "still here"))));
        assertEquals(1000, victim.closeCode(SOON));
        assertEquals("silenced", assertSuccess(admin.call("user.fetch", Map.of("id", target)))
                .path("moderation_state").asText());
        WsClient silenced = login(second, token);
        assertSuccess(silenced.call("chat.join", Map.of("channel", chatChannel)));
        assertError("protocol.denied", silenced.call("chat.send", Map.of("channel", chatChannel,
                "event_type", "channel.message", "content", Map.of("type", "text", "body", "after login"))));

        assertSuccess(admin.call("user.reactivate", Map.of("id", target)));
        assertEquals("", assertSuccess(admin.call("user.fetch", Map.of("id", target))).path("moderation_state").asText());
        victim = login(second, token);

        assertSuccess(admin.call("user.ban", Map.of("id", target)));
        JsonNode reload = victim.await(f -> f.get(0).asText().equals("connection.reload"), SOON);
        assertEquals(0, reload.get(1).size(), reload.toString());
        assertError("protocol.denied", victim.call("user.update", Map.of("profile", Map.of("display_name", "Back"))));
        // A client that ignores the reload is closed by the server, as venueless does two seconds later.
        assertEquals(1000, victim.closeCode(SOON));
        WsClient again = WsClient.open(second.http(), "people");
        open.add(again);
        again.send("authenticate", Map.of("token", token));
        JsonNode refused = again.next();
        assertEquals("error", refused.get(0).asText(), refused.toString());
        assertEquals("auth.denied", refused.at("/1/code").asText(refused.toString()), refused.toString());
        // silencing a banned user leaves them banned, as venueless does
        assertSuccess(admin.call("user.silence", Map.of("id", target)));
        assertEquals("banned", assertSuccess(admin.call("user.fetch", Map.of("id", target))).path("moderation_state").asText());
    }

    @Test
    void onlineStatusSeesASocketOnTheOtherNodeAndItsClosing() throws Exception {
        WsClient away = login(second, first.rawToken("people", "attendee"));
        String there = id();
        WsClient asker = login(first, first.rawToken("people", "attendee"));
        String here = id();
        String nobody = "00000000-0000-0000-0000-000000000000";
        JsonNode status = onlineStatus(asker, List.of(there, here, nobody), s -> s.path(there).asBoolean());
        assertTrue(status.path(here).asBoolean(), status.toString());
        assertFalse(status.path(nobody).asBoolean(true), status.toString());
        away.close();
        onlineStatus(asker, List.of(there), s -> !s.path(there).asBoolean(true));
        assertError("protocol.invalid", asker.call("user.online_status", Map.of("ids", there)));
    }

    /** Asks until the answer is as expected: the other node records its sockets a moment after they open or close. */
    private static JsonNode onlineStatus(WsClient client, List<String> ids, java.util.function.Predicate<JsonNode> expected)
            throws Exception {
        long deadline = System.nanoTime() + SOON.toNanos();
        JsonNode status;
        do {
            status = assertSuccess(client.call("user.online_status", Map.of("ids", ids)));
            if (expected.test(status)) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("online status never became as expected: " + status);
    }

    @Test
    void moderatorsInARoomSeeItsViewersComeAndGoOnEveryNode() throws Exception {
        WsClient moderator = login(first, first.rawToken("people", "moderator"));
        String watcher = id();
        String room = roomNamed("Stage 2");
        JsonNode entered = assertSuccess(moderator.call("room.enter", Map.of("room", room)));
        assertTrue(idsOf(entered.path("viewers")).contains(watcher), entered.toString());

        String token = first.rawToken("people", "attendee");
        WsClient attendee = login(second, token);
        String visitor = id();
        assertSuccess(attendee.call("user.update", Map.of("profile", Map.of("display_name", "Visitor"))));
        JsonNode plain = assertSuccess(attendee.call("room.enter", Map.of("room", room)));
        assertFalse(plain.has("viewers"), "attendees are not shown the viewers: " + plain);
        JsonNode added = moderator.await(f -> f.get(0).asText().equals("room.viewer.added")
                && f.at("/1/user/id").asText().equals(visitor), SOON).get(1);
        assertEquals("Visitor", added.at("/user/profile/display_name").asText(), added.toString());
        assertEquals(visitor, idsOf(assertSuccess(moderator.call("room.enter", Map.of("room", room))).path("viewers"))
                .stream().filter(visitor::equals).findFirst().orElse(null), "the list holds the visitor");

        // A second socket of the visitor in the room: leaving with one keeps them a viewer.
        WsClient secondTab = login(first, token);
        assertSuccess(secondTab.call("room.enter", Map.of("room", room)));
        assertSuccess(attendee.call("room.leave", Map.of("room", room)));
        secondTab.close();
        JsonNode removed = moderator.await(f -> f.get(0).asText().equals("room.viewer.removed"), SOON).get(1);
        assertEquals(visitor, removed.path("user_id").asText(), removed.toString());
        assertFalse(removed.has("room"), removed.toString());
        assertFalse(idsOf(assertSuccess(moderator.call("room.enter", Map.of("room", room))).path("viewers")).contains(visitor));

        assertSuccess(attendee.call("room.enter", Map.of("room", room)));
        JsonNode again = attendee.nothingFor(Duration.ofSeconds(2));
        assertTrue(again == null || !again.get(0).asText().startsWith("room.viewer"), "attendees hear no viewer changes: " + again);
    }

    private String roomNamed(String name) {
        for (JsonNode room : joinPayload.at("/world.config/rooms")) {
            if (room.path("name").asText().equals(name)) {
                return room.path("id").asText();
            }
        }
        throw new AssertionError("no room " + name + " in " + joinPayload.at("/world.config/rooms"));
    }

    private static List<String> idsOf(JsonNode users) {
        List<String> ids = new ArrayList<>();
        users.forEach(u -> ids.add(u.path("id").asText()));
        return ids;
    }
}
