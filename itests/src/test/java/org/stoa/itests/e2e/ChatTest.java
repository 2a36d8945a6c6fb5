package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stoa.itests.e2e.WsClient.assertError;
import static org.stoa.itests.e2e.WsClient.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Chat over the venueless protocol on two Stoa nodes sharing one PostgreSQL: joining, sending
 * and the history, a message reaching subscribers on both nodes, edits and deletes, and every
 * refusal with venueless's code.
 */
class ChatTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final Path FIXTURE = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;
    /** Import id → room id, as a moderator sees the rooms. */
    private static final Map<String, String> ROOMS = new HashMap<>();

    private final List<WsClient> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("chat-pg"));
        database.createDatabaseIfMissing("stoa_chat");
        first = StoaInstance.unpack("chat1", 2300, node("chat"));
        second = StoaInstance.unpack("chat2", 2400, node("chat"));
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");

        ObjectNode config = (ObjectNode) WsClient.JSON.readTree(Files.readString(FIXTURE));
        ((ObjectNode) config.get("world")).put("id", "chatty");
        ((ObjectNode) config.get("world")).put("connection_limit", 0);
        // A chat only staff may read: attendees see neither the room nor its chat.
        ObjectNode staff = ((ArrayNode) config.get("rooms")).addObject();
        staff.put("id", "staff").put("name", "Staff").put("description", "").put("picture", "");
        staff.putObject("trait_grants").putArray("participant").add("staff");
        staff.putArray("modules").addObject().put("type", "chat.native").putObject("config").put("volatile", false);
        Path file = Files.createTempFile("chatty", ".json");
        Files.writeString(file, config.toString());
        StoaInstance.Result imported = first.stoa("world:import-config", file.toString(), "--domain", "chatty.example.org");
        assertEquals(0, imported.exit(), imported.output());

        try (WsClient moderator = WsClient.open(first.http(), "chatty")) {
            JsonNode in = moderator.authenticate(first.rawToken("chatty", "moderator"));
            for (JsonNode room : in.at("/world.config/rooms")) {
                ROOMS.put(room.path("import_id").asText(), room.path("id").asText());
            }
        }
    }

    private static Map<String, String> node(String environment) {
        Map<String, String> node = new HashMap<>(ExternalPostgres.environment(database, "stoa_chat"));
        node.put("STOA_SPOKE_ENABLED", "false");
        node.put("STOA_ENVIRONMENT", environment);
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

    // --- the protocol, as a client speaks it

    private WsClient connect(StoaInstance node, String trait, String displayName) throws Exception {
        return login(node, first.rawToken("chatty", trait), displayName);
    }

    /** A socket logged in with the token (the same token: the same user), named when a name is given. */
    private WsClient login(StoaInstance node, String token, String displayName) throws Exception {
        WsClient client = WsClient.open(node.http(), "chatty");
        open.add(client);
        joinPayload = client.authenticate(token);
        if (displayName != null) {
            assertSuccess(client.call("user.update", Map.of("profile", Map.of("display_name", displayName))));
        }
        return client;
    }

    /** The {@code authenticated} payload of the latest login. */
    private JsonNode joinPayload;

    private static JsonNode chatEvent(WsClient client, long eventId) throws InterruptedException {
        return client.await(f -> f.get(0).asText().equals("chat.event") && f.at("/1/event_id").asLong() == eventId, SOON)
                .get(1);
    }

    private static Map<String, Object> text(String channel, String body) {
        return Map.of("channel", channel, "event_type", "channel.message", "content", Map.of("type", "text", "body", body));
    }

    private static final String CHAT = "chat";

    private static String channel() {
        return ROOMS.get(CHAT);
    }

    // --- the tests

    @Test
    void theJoinCarriesChatKeysAndChatModulesTheirChannel() throws Exception {
        WsClient ann = WsClient.open(first.http(), "chatty");
        open.add(ann);
        JsonNode in = ann.authenticate(first.rawToken("chatty", "attendee"));
        assertTrue(in.get("chat.channels").isArray());
        assertTrue(in.get("chat.read_pointers").isObject());
        assertTrue(in.get("chat.notification_counts").isObject());
        boolean found = false;
        for (JsonNode room : in.at("/world.config/rooms")) {
            for (JsonNode module : room.path("modules")) {
                if (module.path("type").asText().equals("chat.native")) {
                    assertEquals(room.path("id").asText(), module.path("channel_id").asText(), room.toString());
                    found = true;
                } else {
                    assertFalse(module.has("channel_id"), module.toString());
                }
            }
        }
        assertTrue(found, "the sample world has chat rooms");
    }

    @Test
    void aMessageIsStoredReachesEverySubscriberOnBothNodesAndIsInTheHistory() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        WsClient bob = connect(first, "attendee", "Bob");
        WsClient cat = connect(second, "attendee", "Cat");

        JsonNode joined = assertSuccess(ann.call("chat.join", Map.of("channel", channel())));
        assertTrue(joined.path("next_event_id").asLong() > 0, joined.toString());
        assertTrue(joined.has("unread_pointer") && joined.has("members") && joined.has("state"), joined.toString());
        assertTrue(joined.path("members").toString().contains("\"Ann\""), "the joiner is a member: " + joined);
        JsonNode subscribed = assertSuccess(bob.call("chat.subscribe", Map.of("channel", channel())));
        assertTrue(subscribed.path("members").toString().contains("\"Ann\""), subscribed.toString());
        assertSuccess(cat.call("chat.subscribe", Map.of("channel", channel())));
        // Bob may read without joining, but not send.
        assertError("chat.denied", bob.call("chat.send", text(channel(), "not yet")));

        JsonNode sent = assertSuccess(ann.call("chat.send", text(channel(), "Hello, world")));
        long id = sent.at("/event/event_id").asLong();
        assertEquals("Hello, world", sent.at("/event/content/body").asText());
        assertFalse(sent.path("event").has("type"), sent.toString());

        for (WsClient reader : List.of(ann, bob, cat)) {
            JsonNode event = chatEvent(reader, id);
            assertEquals(channel(), event.path("channel").asText());
            assertEquals("channel.message", event.path("event_type").asText());
            assertEquals("Hello, world", event.at("/content/body").asText());
            assertEquals("Ann", event.path("users").path(event.path("sender").asText()).at("/profile/display_name").asText(),
                    event.toString());
        }

        JsonNode page = assertSuccess(cat.call("chat.fetch", Map.of("channel", channel(), "count", 25, "before_id", id + 1)));
        JsonNode results = page.path("results");
        JsonNode last = results.get(results.size() - 1);
        assertEquals(id, last.path("event_id").asLong(), "newest last: " + page);
        assertEquals("chat.event", last.path("type").asText());
        for (int i = 1; i < results.size(); i++) {
            assertTrue(results.get(i).path("event_id").asLong() > results.get(i - 1).path("event_id").asLong());
        }
        JsonNode join = results.get(results.size() - 2);
        assertEquals("channel.member", join.path("event_type").asText(), page.toString());
        assertEquals("join", join.at("/content/membership").asText());
        assertEquals("Ann", page.path("users").path(last.path("sender").asText()).at("/profile/display_name").asText());
        // A page ends before before_id and holds at most count events.
        JsonNode older = assertSuccess(cat.call("chat.fetch", Map.of("channel", channel(), "count", 1, "before_id", id)));
        assertEquals(1, older.path("results").size());
        assertEquals(join.path("event_id").asLong(), older.at("/results/0/event_id").asLong());

        assertSuccess(cat.call("chat.unsubscribe", Map.of("channel", channel())));
    }

    @Test
    void theChannelListFollowsJoinsAndLeavesAcrossLogins() throws Exception {
        String token = first.rawToken("chatty", "attendee");
        WsClient dora = login(first, token, "Dora");
        assertFalse(joinPayload.get("chat.channels").toString().contains(channel()));
        WsClient doraOnSecond = login(second, token, null);
        assertSuccess(dora.call("chat.join", Map.of("room", channel())));
        // Her other socket, on the other node, hears of the new channel; the joining one answered itself.
        JsonNode list = doraOnSecond.await(f -> f.get(0).asText().equals("chat.channels"), SOON).get(1);
        assertTrue(list.path("channels").toString().contains(channel()), list.toString());
        login(first, token, null);
        assertTrue(joinPayload.get("chat.channels").toString().contains(channel()), joinPayload.get("chat.channels").toString());

        assertEquals(0, assertSuccess(dora.call("chat.leave", Map.of("channel", channel()))).size());
        login(second, token, null);
        assertFalse(joinPayload.get("chat.channels").toString().contains(channel()));
        assertError("chat.denied", dora.call("chat.send", text(channel(), "gone")));
    }

    @Test
    void authorsEditAndDeleteModeratorsDeleteOthersMessagesAndNobodyElse() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        WsClient bob = connect(second, "attendee", "Bob");
        WsClient mod = connect(second, "moderator", "Mod");
        for (WsClient member : List.of(ann, bob, mod)) {
            assertSuccess(member.call("chat.join", Map.of("channel", channel())));
        }
        long id = assertSuccess(ann.call("chat.send", text(channel(), "Helo"))).at("/event/event_id").asLong();
        chatEvent(bob, id);

        Map<String, Object> edit = new HashMap<>(text(channel(), "Hello"));
        edit.put("replaces", id);
        JsonNode edited = assertSuccess(ann.call("chat.send", edit));
        assertEquals(id, edited.at("/event/replaces").asLong());
        JsonNode seen = chatEvent(bob, edited.at("/event/event_id").asLong());
        assertEquals(id, seen.path("replaces").asLong());
        assertEquals("Hello", seen.at("/content/body").asText());

        JsonNode page = assertSuccess(bob.call("chat.fetch", Map.of("channel", channel(), "count", 25, "before_id", id + 1)));
        JsonNode original = page.path("results").get(page.path("results").size() - 1);
        assertEquals(id, original.path("event_id").asLong());
        assertEquals("Hello", original.at("/content/body").asText(), "the history shows the newest content");
        assertFalse(original.path("edited").isNull());

        Map<String, Object> bobEdits = new HashMap<>(text(channel(), "Hacked"));
        bobEdits.put("replaces", id);
        assertError("chat.denied", bob.call("chat.send", bobEdits));
        Map<String, Object> delete = Map.of("channel", channel(), "event_type", "channel.message",
                "content", Map.of("type", "deleted"), "replaces", id);
        assertError("chat.denied", bob.call("chat.send", delete));
        Map<String, Object> modEdits = new HashMap<>(text(channel(), "Moderated"));
        modEdits.put("replaces", id);
        assertError("chat.denied", mod.call("chat.send", modEdits));

        JsonNode deleted = assertSuccess(mod.call("chat.send", delete));
        JsonNode gone = chatEvent(ann, deleted.at("/event/event_id").asLong());
        assertEquals("deleted", gone.at("/content/type").asText());
        assertEquals(id, gone.path("replaces").asLong());
        chatEvent(bob, deleted.at("/event/event_id").asLong());

        long own = assertSuccess(bob.call("chat.send", text(channel(), "mine"))).at("/event/event_id").asLong();
        assertSuccess(bob.call("chat.send", Map.of("channel", channel(), "event_type", "channel.message",
                "content", Map.of("type", "deleted"), "replaces", own)));
        // A delete names a message; on its own it is no content.
        assertError("chat.unsupported_content_type", bob.call("chat.send", Map.of("channel", channel(),
                "event_type", "channel.message", "content", Map.of("type", "deleted"))));
        assertError("chat.empty", bob.call("chat.send", text(channel(), "")));
        assertError("chat.unsupported_event_type", bob.call("chat.send", Map.of("channel", channel(),
                "event_type", "channel.topic", "content", Map.of("type", "text", "body", "x"))));
    }

    @Test
    void everyRefusalHasVenuelesssCode() throws Exception {
        WsClient ann = connect(first, "attendee", "Ann");
        WsClient nameless = connect(first, "attendee", null);

        assertError("chat.unknown", ann.call("chat.subscribe", Map.of()));
        JsonNode unknown = ann.call("chat.subscribe", Map.of("channel", UUID.randomUUID().toString()));
        assertError("room.unknown", unknown);
        assertEquals("Unknown room ID", unknown.at("/2/message").asText());
        assertError("room.unknown", ann.call("chat.fetch", Map.of("channel", "not-an-id", "count", 1, "before_id", 1)));
        JsonNode noChat = ann.call("chat.subscribe", Map.of("channel", ROOMS.get("about")));
        assertError("room.unknown", noChat);
        assertEquals("Room does not contain a matching module.", noChat.at("/2/message").asText());
        assertError("room.unknown", ann.call("chat.join", Map.of()));
        assertError("room.unknown", ann.call("chat.join", Map.of("room", UUID.randomUUID().toString())));

        assertError("channel.join.missing_profile", nameless.call("chat.join", Map.of("channel", channel())));

        JsonNode denied = ann.call("chat.subscribe", Map.of("channel", ROOMS.get("staff")));
        assertError("protocol.denied", denied);
        assertEquals("Permission denied.", denied.at("/2/message").asText());
        assertError("protocol.denied", ann.call("chat.join", Map.of("channel", ROOMS.get("staff"))));
        assertError("protocol.denied", ann.call("chat.fetch", Map.of("channel", ROOMS.get("staff"), "count", 1, "before_id", 1)));
        assertError("chat.unsupported_command", ann.call("chat.nonsense", Map.of()));
        assertError("chat.invalid_body", ann.call("chat.fetch", Map.of("channel", channel())));
    }

    @Test
    void aSilencedUserReadsAndJoinsButDoesNotSend() throws Exception {
        String token = first.rawToken("chatty", "attendee");
        login(first, token, "Quiet");
        String id = joinPayload.at("/user.config/id").asText();
        first.sql("UPDATE users SET moderation_state = 'silenced' WHERE id = '" + id + "'");
        WsClient quiet = login(second, token, null);
        assertSuccess(quiet.call("chat.subscribe", Map.of("channel", channel())));
        assertSuccess(quiet.call("chat.join", Map.of("channel", channel())));
        assertSuccess(quiet.call("chat.fetch", Map.of("channel", channel(), "count", 5, "before_id", Long.MAX_VALUE)));
        assertError("protocol.denied", quiet.call("chat.send", text(channel(), "let me speak")));
    }

    @Test
    void reactionsReadPointersAndDirectMessages() throws Exception {
        // Direct messages take world:chat.direct, which this world gives participants, not attendees.
        String annToken = first.rawToken("chatty", "global-participant");
        WsClient ann = login(first, annToken, "Ann");
        String annId = joinPayload.at("/user.config/id").asText();
        WsClient annElsewhere = login(second, annToken, null);
        WsClient bob = connect(second, "global-participant", "Bob");
        String bobId = joinPayload.at("/user.config/id").asText();
        assertSuccess(ann.call("chat.join", Map.of("channel", channel())));
        assertSuccess(bob.call("chat.join", Map.of("channel", channel())));
        long id = assertSuccess(bob.call("chat.send", text(channel(), "react to me, @" + annId))).at("/event/event_id").asLong();
        // A mention of a member notifies them, on each of their sockets.
        JsonNode notification = annElsewhere.await(f -> f.get(0).asText().equals("chat.notification"), SOON).get(1);
        assertEquals(id, notification.at("/event/event_id").asLong());
        assertEquals("Bob", notification.at("/sender/profile/display_name").asText());

        JsonNode reacted = assertSuccess(ann.call("chat.react", Map.of("channel", channel(), "event", id, "reaction", "👍")));
        assertEquals("chat.event.reaction", reacted.path("type").asText());
        assertEquals("[\"" + annId + "\"]", reacted.at("/reactions/👍").toString());
        JsonNode pushed = bob.await(f -> f.get(0).asText().equals("chat.event.reaction"), SOON).get(1);
        assertEquals(id, pushed.path("event_id").asLong());
        assertError("emoji.sadpanda", ann.call("chat.react", Map.of("channel", channel(), "event", id, "reaction", "ok")));
        JsonNode undone = assertSuccess(ann.call("chat.react", Map.of("channel", channel(), "event", id, "reaction", "👍",
                "delete", true)));
        assertEquals(0, undone.path("reactions").size(), undone.toString());

        assertError("chat.invalid_body", ann.call("chat.mark_read", Map.of("channel", channel())));
        assertSuccess(ann.call("chat.mark_read", Map.of("channel", channel(), "id", id)));
        JsonNode pointers = annElsewhere.await(f -> f.get(0).asText().equals("chat.read_pointers"), SOON).get(1);
        assertEquals(id, pointers.path(channel()).asLong());
        JsonNode counts = annElsewhere.await(f -> f.get(0).asText().equals("chat.notification_counts"), SOON).get(1);
        assertEquals(0, counts.path(channel()).asInt(), "read past the mention: " + counts);
        login(first, annToken, null);
        assertEquals(id, joinPayload.at("/chat.read_pointers").path(channel()).asLong());

        JsonNode direct = assertSuccess(ann.call("chat.direct.create", Map.of("users", List.of(bobId))));
        String dm = direct.path("id").asText();
        assertTrue(direct.has("next_event_id") && direct.path("members").size() == 2, direct.toString());
        assertEquals(dm, assertSuccess(ann.call("chat.direct.create", Map.of("users", List.of(bobId)))).path("id").asText(),
                "the same two people have one conversation");
        assertError("chat.denied", ann.call("chat.direct.create", Map.of("users", List.of(UUID.randomUUID().toString()))));
        WsClient cat = connect(first, "attendee", "Cat");
        assertError("protocol.denied", cat.call("chat.direct.create", Map.of("users", List.of(bobId))));
        assertError("chat.denied", cat.call("chat.subscribe", Map.of("channel", dm)));
        assertError("chat.denied", cat.call("chat.send", text(dm, "let me in")));
        long hello = assertSuccess(ann.call("chat.send", text(dm, "psst"))).at("/event/event_id").asLong();
        // Bob hears of the conversation once it has a message, and of the message itself.
        JsonNode bobs = bob.await(f -> f.get(0).asText().equals("chat.channels") && f.toString().contains(dm), SOON).get(1);
        assertTrue(bobs.path("channels").toString().contains("\"Ann\""), bobs.toString());
        JsonNode note = bob.await(f -> f.get(0).asText().equals("chat.notification"), SOON).get(1);
        assertEquals(hello, note.at("/event/event_id").asLong());
        JsonNode history = assertSuccess(bob.call("chat.fetch", Map.of("channel", dm, "count", 25, "before_id", hello + 1)));
        assertEquals("psst", history.at("/results/" + (history.path("results").size() - 1) + "/content/body").asText());
    }
}
