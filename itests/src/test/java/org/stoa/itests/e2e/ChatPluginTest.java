package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.itests.e2e.WsClient.assertError;
import static org.stoa.itests.e2e.WsClient.assertSuccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat is a plugin in the full sense: stopped or uninstalled in a running server, worlds go on
 * without it on the sockets already open; started, installed as a feature or dropped into
 * {@code deploy/} again, it serves those same sockets. Installing a plugin's feature into the
 * running server restarts nothing else: open sockets stay and {@code /ws} keeps answering.
 */
class ChatPluginTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String WORLD = "plugged";

    private static StoaInstance stoa;
    private static String chat;

    private final List<WsClient> open = new ArrayList<>();
    private JsonNode joinPayload;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("chatplugin", 4200, Map.of("STOA_SPOKE_ENABLED", "false", "STOA_ENVIRONMENT", "plugin"));
        stoa.start();
        stoa.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        stoa.importSampleWorld(WORLD, "plugged.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(stoa);
    }

    @AfterEach
    void closeSockets() {
        open.forEach(WsClient::close);
    }

    private WsClient login(String token, String displayName) throws Exception {
        WsClient client = WsClient.open(stoa.http(), WORLD);
        open.add(client);
        joinPayload = client.authenticate(token);
        if (displayName != null) {
            assertSuccess(client.call("user.update", Map.of("profile", Map.of("display_name", displayName))));
        }
        return client;
    }

    private static Map<String, Object> text(String body) {
        return Map.of("channel", chat, "event_type", "channel.message", "content", Map.of("type", "text", "body", body));
    }

    private static String chatBundle() throws Exception {
        return stoa.stoa("bundle:list", "-s", "-t", "0").output().lines()
                .filter(l -> l.contains("| stoa-chat")).map(l -> l.split("\\|")[0].trim()).findFirst().orElse(null);
    }

    /** The answer to {@code chat.subscribe} once it is no longer protocol.unknown_command, within a minute. */
    private static JsonNode subscribeOnceChatIsBack(WsClient client) throws Exception {
        Instant deadline = Instant.now().plus(SOON);
        JsonNode answer = client.call("chat.subscribe", Map.of("channel", chat));
        while (answer.at("/2/code").asText().equals("protocol.unknown_command") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = client.call("chat.subscribe", Map.of("channel", chat));
        }
        return answer;
    }

    /** Chat works on this open socket: it subscribes, sends, and hears its own message. */
    private static void chatWorksOn(WsClient client, String message) throws Exception {
        assertSuccess(subscribeOnceChatIsBack(client));
        long id = assertSuccess(client.call("chat.send", text(message))).at("/event/event_id").asLong();
        client.await(f -> f.get(0).asText().equals("chat.event") && f.at("/1/event_id").asLong() == id, Duration.ofSeconds(20));
        JsonNode page = assertSuccess(client.call("chat.fetch", Map.of("channel", chat, "count", 50, "before_id", id + 1)));
        assertTrue(page.path("results").toString().contains("\"before\""), "the history is kept: " + page);
    }

    /** Worlds work without chat on the open socket, and a new login's join has chat's keys empty. */
    private void worldsWorkWithoutChat(WsClient client, String token) throws Exception {
        assertError("protocol.unknown_command", client.call("chat.subscribe", Map.of("channel", chat)));
        assertError("protocol.unknown_command", client.call("chat.send", text("nobody hears")));
        login(token, null);
        assertEquals("[]", joinPayload.get("chat.channels").toString());
        assertEquals("{}", joinPayload.get("chat.read_pointers").toString());
        assertEquals("{}", joinPayload.get("chat.notification_counts").toString());
        assertFalse(joinPayload.get("world.config").toString().contains("channel_id"));
        assertSuccess(client.call("room.enter", Map.of("room", chat)));
        assertSuccess(client.call("user.update", Map.of("profile", Map.of("display_name", "Eve"))));
    }

    @Test
    void withoutTheChatBundleWorldsWorkAndChatComesBackToOpenSockets() throws Exception {
        String token = stoa.rawToken(WORLD, "attendee");
        WsClient eve = login(token, "Eve");
        for (JsonNode room : joinPayload.at("/world.config/rooms")) {
            if (room.path("import_id").asText().equals("chat")) {
                chat = room.path("id").asText();
            }
        }
        assertSuccess(eve.call("chat.join", Map.of("channel", chat)));
        assertSuccess(eve.call("chat.send", text("before")));

        // Another plugin installed as a feature restarts nothing: the open socket stays, and /ws
        // answers a new one at once (it answered 404, and every open socket was dropped, while the
        // first install into a running server refreshed half of it).
        StoaInstance.Result example = stoa.stoa("feature:install", "stoa-example");
        assertEquals(0, example.exit(), example.output());
        WsClient fresh = login(token, null);
        assertTrue(joinPayload.has("chat.channels"), joinPayload.toString());
        assertSuccess(fresh.call("chat.subscribe", Map.of("channel", chat)));
        assertSuccess(eve.call("chat.send", text("still open")));
        assertFalse(eve.isClosed(), "the socket opened before the install is still open");

        // Stopped and started again.
        String bundle = chatBundle();
        assertEquals(0, stoa.stoa("bundle:stop", bundle).exit());
        worldsWorkWithoutChat(eve, token);
        assertEquals(0, stoa.stoa("bundle:start", bundle).exit());
        chatWorksOn(eve, "after a start");

        // Uninstalled, then installed as a feature: the same socket gets chat back.
        assertEquals(0, stoa.stoa("bundle:uninstall", bundle).exit());
        worldsWorkWithoutChat(eve, token);
        StoaInstance.Result installed = stoa.stoa("feature:install", "stoa-chat");
        assertEquals(0, installed.exit(), installed.output());
        chatWorksOn(eve, "after feature:install");
        login(token, null);
        assertTrue(joinPayload.get("world.config").toString().contains("channel_id"), "chat modules show their channel again");

        // Uninstalled, then dropped into deploy/.
        assertEquals(0, stoa.stoa("bundle:uninstall", chatBundle()).exit());
        worldsWorkWithoutChat(eve, token);
        String version = System.getProperty("stoa.version");
        Path jar = stoa.home().resolve("system/org/stoa/stoa-chat/" + version + "/stoa-chat-" + version + ".jar");
        Files.copy(jar, stoa.home().resolve("deploy/stoa-chat.jar"));
        chatWorksOn(eve, "after deploy/");
    }
}
