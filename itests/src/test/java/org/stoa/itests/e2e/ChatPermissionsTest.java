package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.itests.e2e.WsClient.assertError;
import static org.stoa.itests.e2e.WsClient.assertSuccess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/**
 * Every chat action's refusals and permissions as venueless has them, on two nodes sharing one
 * PostgreSQL: who may subscribe, join, leave, read the history, send, edit and delete, react,
 * mark read and start a direct conversation; blocks; silenced users; volatile memberships that
 * end with the user's last socket on any node; and the channels made with their rooms.
 */
class ChatPermissionsTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final Path FIXTURE = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");
    private static final String WORLD = "perms";
    /** The chat rooms of the sample world (4) and the two this test adds. */
    private static final int CHAT_ROOMS = 6;

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;
    /** Import id → room id. */
    private static final Map<String, String> ROOMS = new HashMap<>();

    private final List<WsClient> open = new ArrayList<>();
    /** The {@code authenticated} payload of the latest login. */
    private JsonNode joinPayload;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("chatperms-pg"));
        database.createDatabaseIfMissing("stoa_chatperms");
        first = StoaInstance.unpack("chatperms1", 4000, node());
        second = StoaInstance.unpack("chatperms2", 4100, node());
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");

        ObjectNode config = (ObjectNode) WsClient.JSON.readTree(Files.readString(FIXTURE));
        ((ObjectNode) config.get("world")).put("id", WORLD);
        ((ObjectNode) config.get("world")).put("connection_limit", 0);
        ArrayNode rooms = (ArrayNode) config.get("rooms");
        // A chat everybody may read but nobody may join or write in.
        ObjectNode readOnly = rooms.addObject();
        readOnly.put("id", "readonly").put("name", "Announcements").put("description", "").put("picture", "");
        readOnly.putObject("trait_grants").putArray("viewer");
        readOnly.putArray("modules").addObject().put("type", "chat.native").putObject("config").put("volatile", false);
        // A chat for the history tests alone.
        ObjectNode archive = rooms.addObject();
        archive.put("id", "archive").put("name", "Archive").put("description", "").put("picture", "");
        archive.putObject("trait_grants").putArray("participant");
        archive.putArray("modules").addObject().put("type", "chat.native").putObject("config").put("volatile", false);
        Path file = Files.createTempFile(WORLD, ".json");
        Files.writeString(file, config.toString());
        StoaInstance.Result imported = first.stoa("world:import-config", file.toString(), "--domain", "perms.example.org");
        assertEquals(0, imported.exit(), imported.output());

        try (WsClient moderator = WsClient.open(first.http(), WORLD)) {
            JsonNode in = moderator.authenticate(first.rawToken(WORLD, "moderator"));
            for (JsonNode room : in.at("/world.config/rooms")) {
                ROOMS.put(room.path("import_id").asText(), room.path("id").asText());
            }
        }
    }

    private static Map<String, String> node() {
        Map<String, String> node = new HashMap<>(ExternalPostgres.environment(database, "stoa_chatperms"));
        node.put("STOA_SPOKE_ENABLED", "false");
        node.put("STOA_ENVIRONMENT", "chatperms");
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

    private WsClient connect(StoaInstance node, String trait, String displayName) throws Exception {
        return login(node, first.rawToken(WORLD, trait), displayName);
    }

    private WsClient login(StoaInstance node, String token, String displayName) throws Exception {
        WsClient client = WsClient.open(node.http(), WORLD);
        open.add(client);
        joinPayload = client.authenticate(token);
        if (displayName != null) {
            assertSuccess(client.call("user.update", Map.of("profile", Map.of("display_name", displayName))));
        }
        return client;
    }

    private String userId() {
        return joinPayload.at("/user.config/id").asText();
    }

    private static Map<String, Object> text(String channel, String body) {
        return Map.of("channel", channel, "event_type", "channel.message", "content", Map.of("type", "text", "body", body));
    }

    private static Map<String, Object> fetch(String channel, int count, long beforeId) {
        return Map.of("channel", channel, "count", count, "before_id", beforeId);
    }

    /** A one-value query's answer, as db:sql prints it. */
    private static String value(String query) throws Exception {
        String out = first.sql("SELECT 'v=' || (" + query + ")");
        int at = out.indexOf("v=");
        assertTrue(at >= 0, out);
        return out.substring(at + 2).lines().findFirst().orElseThrow().strip();
    }

    private static void awaitValue(String expected, String query) throws Exception {
        Instant deadline = Instant.now().plus(SOON);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = value(query);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(500);
        }
        assertEquals(expected, last, query);
    }

    private static String channels(String world) {
        return "SELECT count(*) FROM chat_channels WHERE world_id = '" + world + "' AND room_id IS NOT NULL";
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(first.http() + "/api/v1/worlds/" + WORLD + "/" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + first.rawToken(WORLD, "api"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- the channels of chat rooms

    @Test
    void everyChatRoomHasItsChannelFromTheStartAndADeletedRoomKeepsIt() throws Exception {
        // Nobody has opened a chat yet: import, clone and a new room make the channels.
        awaitValue(String.valueOf(CHAT_ROOMS), channels(WORLD));
        StoaInstance.Result cloned = second.stoaWithInput("permscopy\nThe Copy\npermscopy.example.org\n", "world:clone", WORLD);
        assertEquals(0, cloned.exit(), cloned.output());
        awaitValue(String.valueOf(CHAT_ROOMS), channels("permscopy"));

        HttpResponse<String> created = api("POST", "rooms/",
                "{\"name\": \"Fresh\", \"module_config\": [{\"type\": \"chat.native\", \"config\": {}}]}");
        assertEquals(201, created.statusCode(), created.body());
        String room = WsClient.JSON.readTree(created.body()).path("id").asText();
        awaitValue("1", "SELECT count(*) FROM chat_channels WHERE id = '" + room + "' AND room_id = id");

        // A new room grants nothing of its own: a moderator's world-wide role lets them chat in it.
        WsClient ann = connect(first, "moderator", "Ann");
        JsonNode module = null;
        for (JsonNode r : joinPayload.at("/world.config/rooms")) {
            if (r.path("id").asText().equals(room)) {
                module = r.at("/modules/0");
            }
        }
        assertEquals(room, module.path("channel_id").asText(), String.valueOf(module));
        assertSuccess(ann.call("chat.join", Map.of("channel", room)));
        assertSuccess(ann.call("chat.send", text(room, "first words")));

        // A deleted room's chat is out of reach, but its history stays, as in venueless.
        HttpResponse<String> deleted = api("DELETE", "rooms/" + room + "/", null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        awaitValue("1", "SELECT count(*) FROM chat_events WHERE channel_id = '" + room + "' AND event_type = 'channel.message'");
        Instant deadline = Instant.now().plus(SOON);
        JsonNode answer = ann.call("chat.fetch", fetch(room, 10, Long.MAX_VALUE));
        while (answer.get(0).asText().equals("success") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = ann.call("chat.fetch", fetch(room, 10, Long.MAX_VALUE));
        }
        assertError("room.unknown", answer);
    }

    // --- subscribing, joining, leaving

    @Test
    void subscribeUnsubscribeJoinAndLeaveRefuseAsVenuelessDoes() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        String chat = ROOMS.get("chat");
        assertError("chat.unknown", ann.call("chat.unsubscribe", Map.of()));
        assertError("room.unknown", ann.call("chat.unsubscribe", Map.of("channel", UUID.randomUUID().toString())));
        JsonNode noChat = ann.call("chat.unsubscribe", Map.of("channel", ROOMS.get("about")));
        assertError("room.unknown", noChat);
        assertEquals("Room does not contain a matching module.", noChat.at("/2/message").asText());
        assertEquals(0, assertSuccess(ann.call("chat.unsubscribe", Map.of("channel", chat))).size());

        // Reading a chat is not joining it.
        JsonNode readOnly = assertSuccess(ann.call("chat.subscribe", Map.of("channel", ROOMS.get("readonly"))));
        assertTrue(readOnly.has("next_event_id") && readOnly.path("members").isArray(), readOnly.toString());
        assertError("protocol.denied", ann.call("chat.join", Map.of("channel", ROOMS.get("readonly"))));
        assertError("protocol.denied", ann.call("chat.join", Map.of("room", ROOMS.get("readonly"))));
        assertError("room.unknown", ann.call("chat.join", Map.of("room", ROOMS.get("about"))));
        assertError("room.unknown", ann.call("chat.join", Map.of("channel", "not-an-id")));

        // A volatile room's chat shows no members.
        JsonNode plenum = assertSuccess(ann.call("chat.join", Map.of("channel", ROOMS.get("room_0"))));
        assertEquals(0, plenum.path("members").size(), plenum.toString());
        assertEquals(0, assertSuccess(ann.call("chat.leave", Map.of("channel", ROOMS.get("room_0")))).size());
        // Leaving a room's chat one never joined is fine; leaving a conversation one is not in is not.
        assertSuccess(ann.call("chat.leave", Map.of("channel", chat)));
        assertError("chat.unknown", ann.call("chat.leave", Map.of()));
        assertError("room.unknown", ann.call("chat.leave", Map.of("channel", UUID.randomUUID().toString())));

        WsClient nameless = connect(second, "attendee", null);
        assertError("channel.join.missing_profile", nameless.call("chat.join", Map.of("room", chat)));
        assertSuccess(nameless.call("chat.subscribe", Map.of("channel", chat)));
    }

    @Test
    void theHistoryPagesBackFromBeforeIdAtMostAThousandAtATime() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        String archive = ROOMS.get("archive");
        assertSuccess(ann.call("chat.join", Map.of("channel", archive)));
        String ann_ = userId();
        first.sql("INSERT INTO chat_events (channel_id, sender, event_type, content) SELECT '" + archive + "', '" + ann_
                + "', 'channel.message', jsonb_build_object('type', 'text', 'body', 'n' || n) FROM generate_series(1, 1004) AS n");
        long newest = assertSuccess(ann.call("chat.send", text(archive, "newest"))).at("/event/event_id").asLong();

        JsonNode page = assertSuccess(ann.call("chat.fetch", fetch(archive, 5000, newest + 1))).path("results");
        assertEquals(1000, page.size(), "a page holds at most 1000 events");
        assertEquals(newest, page.get(999).path("event_id").asLong(), "the newest page, oldest first");
        assertEquals("n6", page.at("/0/content/body").asText());
        JsonNode older = assertSuccess(ann.call("chat.fetch", fetch(archive, 5000, page.at("/0/event_id").asLong())))
                .path("results");
        // The rest: five messages and Ann's join before them.
        assertEquals(6, older.size(), older.toString());
        assertEquals("channel.member", older.at("/0/event_type").asText());
        assertEquals("n5", older.at("/5/content/body").asText());
        assertEquals(0, assertSuccess(ann.call("chat.fetch", fetch(archive, 10, older.at("/0/event_id").asLong())))
                .path("results").size());
        assertError("chat.invalid_body", ann.call("chat.fetch", Map.of("channel", archive, "count", 10)));
        assertError("chat.invalid_body", ann.call("chat.fetch", Map.of("channel", archive, "before_id", 10)));
    }

    // --- sending, reacting, reading

    @Test
    void sendingAndReactingTakeTheSendPermissionAndMembership() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        WsClient bob = connect(second, "attendee", "Bob");
        String chat = ROOMS.get("chat");
        String readOnly = ROOMS.get("readonly");
        assertSuccess(ann.call("chat.join", Map.of("channel", chat)));
        long id = assertSuccess(ann.call("chat.send", text(chat, "hi"))).at("/event/event_id").asLong();

        // The permission is asked before the membership.
        assertError("protocol.denied", bob.call("chat.send", text(readOnly, "may I?")));
        assertError("protocol.denied", bob.call("chat.react", Map.of("channel", readOnly, "event", id, "reaction", "👍")));
        assertError("chat.denied", bob.call("chat.send", text(chat, "not a member")));
        assertError("chat.denied", bob.call("chat.react", Map.of("channel", chat, "event", id, "reaction", "👍")));
        assertError("chat.unknown", bob.call("chat.send", Map.of("event_type", "channel.message")));

        assertSuccess(bob.call("chat.join", Map.of("channel", chat)));
        assertError("chat.unsupported_content_type", bob.call("chat.send", Map.of("channel", chat,
                "event_type", "channel.message", "content", Map.of("type", "call"))));
        assertError("chat.empty", bob.call("chat.send", Map.of("channel", chat,
                "event_type", "channel.message", "content", Map.of("type", "files", "files", List.of()))));
        Map<String, Object> editUnknown = new HashMap<>(text(chat, "x"));
        editUnknown.put("replaces", id + 1_000_000);
        assertError("chat.unknown_event", bob.call("chat.send", editUnknown));
        assertError("chat.unknown_event", bob.call("chat.react", Map.of("channel", chat, "event", id + 1_000_000,
                "reaction", "👍")));
        assertSuccess(bob.call("chat.react", Map.of("channel", chat, "event", id, "reaction", "👍")));

        // Marking read takes neither permission nor membership, but an id.
        assertSuccess(bob.call("chat.mark_read", Map.of("channel", readOnly, "id", id)));
        assertError("chat.invalid_body", bob.call("chat.mark_read", Map.of("channel", chat, "id", 0)));
        assertError("chat.unknown", bob.call("chat.mark_read", Map.of("id", id)));
        assertError("room.unknown", bob.call("chat.mark_read", Map.of("channel", ROOMS.get("about"), "id", id)));
    }

    @Test
    void aSilencedUserKeepsReadingAndJoiningOnly() throws Exception {
        String token = first.rawToken(WORLD, "global-participant");
        WsClient quiet = login(first, token, "Quiet");
        String quietId = userId();
        WsClient other = connect(second, "global-participant", "Other");
        String otherId = userId();
        String chat = ROOMS.get("chat");
        String dm = assertSuccess(quiet.call("chat.direct.create", Map.of("users", List.of(otherId)))).path("id").asText();
        assertSuccess(other.call("chat.join", Map.of("channel", chat)));
        long id = assertSuccess(other.call("chat.send", text(chat, "say something"))).at("/event/event_id").asLong();

        first.sql("UPDATE users SET moderation_state = 'silenced' WHERE id = '" + quietId + "'");
        quiet = login(second, token, null);
        assertSuccess(quiet.call("chat.subscribe", Map.of("channel", chat)));
        assertSuccess(quiet.call("chat.join", Map.of("channel", chat)));
        assertSuccess(quiet.call("chat.fetch", fetch(chat, 5, Long.MAX_VALUE)));
        assertSuccess(quiet.call("chat.mark_read", Map.of("channel", chat, "id", id)));
        assertError("protocol.denied", quiet.call("chat.send", text(chat, "let me speak")));
        assertError("protocol.denied", quiet.call("chat.react", Map.of("channel", chat, "event", id, "reaction", "👍")));
        // Direct messages have no room to ask: the silence itself refuses them.
        assertError("chat.denied", quiet.call("chat.send", text(dm, "psst")));
        assertError("protocol.denied", quiet.call("chat.direct.create", Map.of("users", List.of(otherId))));
        assertSuccess(quiet.call("chat.fetch", fetch(dm, 5, Long.MAX_VALUE)));
    }

    // --- direct messages and blocks

    @Test
    void aBlockRefusesDirectMessagesBetweenThePair() throws Exception {
        WsClient ann = connect(first, "global-participant", "Ann");
        String annId = userId();
        WsClient bob = connect(second, "global-participant", "Bob");
        String bobId = userId();
        WsClient cat = connect(second, "global-participant", "Cat");

        assertError("chat.denied", ann.call("chat.direct.create", Map.of("users", List.of())));
        assertError("chat.denied", ann.call("chat.direct.create", Map.of("users", List.of("nobody"))));
        String dm = assertSuccess(ann.call("chat.direct.create", Map.of("users", List.of(bobId)))).path("id").asText();
        assertSuccess(ann.call("chat.send", text(dm, "hello Bob")));

        assertSuccess(ann.call("user.block", Map.of("id", bobId)));
        // Neither may start a conversation with the other, nor one with both of them in it.
        assertError("chat.denied", bob.call("chat.direct.create", Map.of("users", List.of(annId))));
        assertError("chat.denied", ann.call("chat.direct.create", Map.of("users", List.of(bobId))));
        assertError("chat.denied", cat.call("chat.direct.create", Map.of("users", List.of(annId, bobId))));
        // In the conversation they already have, the blocked one is silent; the one who blocked is not.
        assertError("chat.denied", bob.call("chat.send", text(dm, "why?")));
        assertSuccess(ann.call("chat.send", text(dm, "because")));
        assertSuccess(cat.call("chat.direct.create", Map.of("users", List.of(annId))));

        assertSuccess(ann.call("user.unblock", Map.of("id", bobId)));
        assertSuccess(bob.call("chat.send", text(dm, "thanks")));
        assertEquals(dm, assertSuccess(bob.call("chat.direct.create", Map.of("users", List.of(annId)))).path("id").asText());
    }

    // --- volatile memberships

    @Test
    void aVolatileMembershipEndsWithTheUsersLastSocketOnAnyNode() throws Exception {
        String token = first.rawToken(WORLD, "attendee");
        WsClient here = login(first, token, "Vera");
        WsClient there = login(second, token, null);
        String plenum = ROOMS.get("room_0");
        assertSuccess(here.call("chat.join", Map.of("channel", plenum)));
        assertSuccess(there.call("chat.subscribe", Map.of("channel", plenum)));

        // Her socket on the first node goes; the one on the second still looks at the chat.
        here.close();
        Thread.sleep(2000);
        assertSuccess(there.call("chat.send", text(plenum, "still here")));

        there.close();
        WsClient later = login(first, token, null);
        Instant deadline = Instant.now().plus(SOON);
        JsonNode answer = later.call("chat.send", text(plenum, "gone?"));
        while (answer.get(0).asText().equals("success") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = later.call("chat.send", text(plenum, "gone?"));
        }
        assertError("chat.denied", answer);
    }
}
