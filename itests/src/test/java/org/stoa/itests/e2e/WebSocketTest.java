package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The venueless WebSocket API on the assembled distribution, with real clients over real
 * sockets: authentication, routing, rooms, pushes, limits and bad input.
 */
class WebSocketTest {

    private static final Path FIXTURE = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");
    private static final Duration SOON = Duration.ofSeconds(10);

    private static StoaInstance stoa;
    private static final Path EXCEPTIONS_LOG = Path.of(System.getProperty("stoa.work", "target/stoa-work"))
            .toAbsolutePath().resolve("websocket-exceptions.log");

    @BeforeAll
    static void start() throws Exception {
        // Every exception the JVM throws is logged, so a test can see an upgrade throw none.
        stoa = StoaInstance.unpack("websocket", 1400, Map.of("STOA_ENVIRONMENT", "testing",
                "EXTRA_JAVA_OPTS", "-Xlog:exceptions=info:file=" + EXCEPTIONS_LOG));
        // Short enough to see a vanished client reaped within the test, long enough for the others.
        stoa.set("etc/org.stoa.connections.cfg", "pingTimeoutSeconds", "6");
        stoa.set("etc/org.stoa.connections.cfg", "maxMessageBytes", "65536");
        stoa.set("etc/org.stoa.connections.cfg", "messagesPerSecond", "20");
        stoa.set("etc/org.stoa.connections.cfg", "messageBurst", "40");
        stoa.set("etc/org.stoa.connections.cfg", "reportSeconds", "1");
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().startsWith("ID"), "world:list");
        stoa.stoa("world:create", "--id", "closed", "--title", "Closed", "--domain", "closed.example.org");
        ObjectNode config = (ObjectNode) WsClient.JSON.readTree(Files.readString(FIXTURE));
        ((ObjectNode) config.get("world")).put("id", "live");
        Path file = Files.createTempFile("live", ".json");
        Files.writeString(file, config.toString());
        StoaInstance.Result imported = stoa.stoa("world:import-config", file.toString(), "--domain", "live.example.org");
        assertEquals(0, imported.exit(), imported.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    void anUpgradeThrowsNothingInsideTheServer() throws Exception {
        Path log = EXCEPTIONS_LOG;
        try (WsClient warmUp = WsClient.open(stoa.http(), "closed")) {
            warmUp.send("ping", 1);
            warmUp.next();
        }
        long before = malformedUrls(log);
        for (int i = 0; i < 5; i++) {
            try (WsClient client = WsClient.open(stoa.http(), "closed")) {
                client.send("ping", i);
                assertEquals("[\"pong\"," + i + "]", client.next().toString());
            }
        }
        // Pax Web answered getPathTranslated, which Jetty's upgrade reads, through a caught MalformedURLException.
        assertEquals(before, malformedUrls(log), "MalformedURLExceptions thrown by five upgrades");
    }

    private static long malformedUrls(Path log) throws Exception {
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("MalformedURLException")).count();
        }
    }

    @Test
    void pingWorksBeforeAndAfterLoginAndOtherActionsNeedALogin() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "closed")) {
            client.send("ping", 1234);
            assertEquals("[\"pong\",1234]", client.next().toString());
            client.send("room.enter", 7, Map.of());
            assertEquals("[\"error\",7,{\"code\":\"protocol.unauthenticated\"}]", client.next().toString());
            client.send("user.fetch", Map.of());
            assertEquals("[\"error\",{\"code\":\"protocol.unauthenticated\"}]", client.next().toString());
            client.authenticate(stoa.rawToken("closed", "attendee"));
            client.send("ping", "x");
            assertEquals("[\"pong\",\"x\"]", client.next().toString());
        }
    }

    @Test
    void framesSentRightAfterAuthenticateAreAnsweredAfterItsOutcomeInOrder() throws Exception {
        // The login is stored on the server's login writers, not on the thread that read the
        // frame; what the client sends meanwhile waits for its outcome, as it did when that
        // thread waited.
        try (WsClient client = WsClient.open(stoa.http(), "closed")) {
            client.send("authenticate", 1, Map.of());
            client.send("authenticate", Map.of("token", stoa.rawToken("closed", "attendee")));
            client.send("ping", 9);
            client.send("user.fetch", 2, Map.of("id", UUID.randomUUID().toString()));
            assertEquals("[\"error\",1,{\"code\":\"auth.missing_id_or_token\"}]", client.next().toString());
            assertEquals("authenticated", client.next().get(0).asText());
            assertEquals("[\"pong\",9]", client.next().toString());
            assertEquals("[\"error\",2,{\"code\":\"user.not_found\"}]", client.next().toString());
        }
    }

    @Test
    void anUnknownWorldIsToldSoAndClosed() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "nosuchworld")) {
            assertEquals("[\"error\",{\"code\":\"world.unknown_world\"}]", client.next().toString());
            assertEquals(1000, client.closeCode(SOON));
        }
    }

    @Test
    void everyAuthenticationOutcomeHasItsCodeAndTheSocketStaysOpen() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "closed")) {
            client.send("authenticate", 1, Map.of());
            assertEquals("[\"error\",1,{\"code\":\"auth.missing_id_or_token\"}]", client.next().toString());
            client.send("authenticate", Map.of("token", "not.a.token"));
            assertEquals("[\"error\",{\"code\":\"auth.invalid_token\"}]", client.next().toString());
            JsonNode secret = secret("closed");
            String expired = Jwt.sign(secret.get("secret").asText(), secret.get("issuer").asText(),
                    secret.get("audience").asText(), "late", List.of("attendee"), Instant.now().minusSeconds(60));
            client.send("authenticate", Map.of("token", expired));
            assertEquals("[\"error\",{\"code\":\"auth.expired_token\"}]", client.next().toString());
            // Default grants: without the attendee trait nobody may view the world, and no user is made.
            client.send("authenticate", Map.of("token", stoa.rawToken("closed", "visitor")));
            assertEquals("[\"error\",{\"code\":\"auth.denied\"}]", client.next().toString());
            client.send("authenticate", Map.of("client_id", "guest-1"));
            assertEquals("[\"error\",{\"code\":\"auth.missing_token\"}]", client.next().toString());
            assertFalse(client.isClosed());

            JsonNode in = client.authenticate(stoa.rawToken("closed", "attendee"));
            assertEquals("closed", in.at("/world.config/world/id").asText());
            assertTrue(in.at("/world.config/permissions").toString().contains("world:view"));
            assertFalse(in.at("/world.config/permissions").toString().contains("world:update"));
            assertTrue(in.at("/user.config/id").asText().matches("[0-9a-f-]{36}"));
        }
        assertEquals("0", stoa.sql("SELECT count(*) FROM users WHERE world_id = 'closed' AND traits = '[\"visitor\"]'"));
    }

    @Test
    void aBannedUserIsDeniedAndANewerTokenUpdatesTraits() throws Exception {
        JsonNode secret = secret("closed");
        String uid = "user-" + UUID.randomUUID();
        String attendee = Jwt.sign(secret.get("secret").asText(), secret.get("issuer").asText(),
                secret.get("audience").asText(), uid, List.of("attendee"), Instant.now().plusSeconds(3600));
        String admin = Jwt.sign(secret.get("secret").asText(), secret.get("issuer").asText(),
                secret.get("audience").asText(), uid, List.of("attendee", "admin"), Instant.now().plusSeconds(3600));
        String id;
        try (WsClient first = WsClient.open(stoa.http(), "closed")) {
            id = first.authenticate(attendee).at("/user.config/id").asText();
        }
        try (WsClient second = WsClient.open(stoa.http(), "closed")) {
            JsonNode in = second.authenticate(admin);
            assertEquals(id, in.at("/user.config/id").asText(), "the same user, by the token's uid");
            assertTrue(in.at("/world.config/permissions").toString().contains("world:update"));
        }
        assertEquals("[\"attendee\", \"admin\"]", stoa.sql("SELECT traits FROM users WHERE id = '" + id + "'"));

        stoa.sql("UPDATE users SET moderation_state = 'banned' WHERE id = '" + id + "'");
        try (WsClient banned = WsClient.open(stoa.http(), "closed")) {
            banned.send("authenticate", Map.of("token", admin));
            assertEquals("[\"error\",{\"code\":\"auth.denied\"}]", banned.next().toString());
        }
    }

    @Test
    void guestsComeInWhenTheWorldLetsUsersWithoutTraitsView() throws Exception {
        try (WsClient guest = WsClient.open(stoa.http(), "live")) {
            guest.send("authenticate", Map.of("client_id", "browser-42"));
            JsonNode in = guest.next();
            assertEquals("authenticated", in.get(0).asText(), in.toString());
            assertEquals(8, in.at("/1/world.config/rooms").size(), "every room of the fixture is public");
        }
        assertEquals("1", stoa.sql("SELECT count(*) FROM users WHERE world_id = 'live' AND client_id = 'browser-42'"));
    }

    @Test
    void actionsAreRoutedByNamespace() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.authenticate(stoa.rawToken("live", "attendee"));
            // A namespace no bundle serves (chat is a plugin of its own now, and installed).
            client.send("juggling.throw", 1, Map.of());
            assertEquals("[\"error\",1,{\"code\":\"protocol.unknown_command\"}]", client.next().toString());
            client.send("room.dance", 2, Map.of());
            assertEquals("[\"error\",2,{\"code\":\"room.unsupported_command\"}]", client.next().toString());
            client.send("user.update", 3, Map.of("profile", Map.of("display_name", "Ada")));
            assertEquals("[\"success\",3,{}]", client.next().toString());
            String me = stoa.sql("SELECT id FROM users WHERE world_id = 'live' AND profile->>'display_name' = 'Ada'");
            client.send("user.fetch", 4, Map.of("ids", List.of(me, UUID.randomUUID().toString())));
            JsonNode fetched = client.next();
            assertEquals("Ada", fetched.at("/2/" + me + "/profile/display_name").asText(), fetched.toString());
            assertEquals(1, fetched.get(2).size());
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                many.add(UUID.randomUUID().toString());
            }
            client.send("user.fetch", 5, Map.of("ids", many));
            assertEquals("protocol.invalid", client.next().at("/2/code").asText());
            client.send("user.fetch", 6, Map.of("id", UUID.randomUUID().toString()));
            assertEquals("[\"error\",6,{\"code\":\"user.not_found\"}]", client.next().toString());
        }
    }

    @Test
    void aPluginsNamespaceComesAndGoesOnAnOpenSocket() throws Exception {
        // Hot deployment of a plugin bundle, as dropping it into deploy/ does.
        StoaInstance.Result installed = stoa.stoa("bundle:install", "-s",
                "mvn:org.stoa/stoa-example/" + System.getProperty("stoa.version"));
        assertEquals(0, installed.exit(), installed.output());
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.authenticate(stoa.rawToken("live", "attendee"));
            JsonNode added = null;
            for (int i = 0; i < 30 && added == null; i++) {
                client.send("notes.add", 1, Map.of("text", "hello"));
                JsonNode reply = client.next();
                if ("success".equals(reply.get(0).asText())) {
                    added = reply;
                } else {
                    Thread.sleep(500);
                }
            }
            assertTrue(added != null && added.at("/2/id").asLong() > 0, "notes.add works once the plugin runs");
            String bundle = stoa.stoa("bundle:list", "-s", "-t", "0").output().lines()
                    .filter(l -> l.contains("stoa-example")).map(l -> l.split("\\|")[0].trim()).findFirst().orElseThrow();
            assertEquals(0, stoa.stoa("bundle:stop", bundle).exit());
            client.send("notes.list", 2, Map.of());
            assertEquals("[\"error\",2,{\"code\":\"protocol.unknown_command\"}]", client.next().toString());
            assertEquals(0, stoa.stoa("bundle:start", bundle).exit());
            JsonNode listed = null;
            for (int i = 0; i < 30 && listed == null; i++) {
                client.send("notes.list", 3, Map.of());
                JsonNode reply = client.next();
                if ("success".equals(reply.get(0).asText())) {
                    listed = reply;
                } else {
                    Thread.sleep(500);
                }
            }
            assertTrue(listed != null && listed.at("/2/notes").toString().contains("hello"), String.valueOf(listed));
        }
    }

    @Test
    void enteringAndLeavingARoomChangesItsCountForEveryoneInTheWorld() throws Exception {
        try (WsClient watcher = WsClient.open(stoa.http(), "live"); WsClient visitor = WsClient.open(stoa.http(), "live")) {
            JsonNode in = watcher.authenticate(stoa.rawToken("live", "attendee"));
            visitor.authenticate(stoa.rawToken("live", "attendee"));
            String room = in.at("/world.config/rooms/2/id").asText();
            visitor.send("room.enter", 1, Map.of("room", room));
            assertEquals("[\"success\",1,{}]", visitor.next().toString());
            JsonNode change = watcher.await(f -> f.get(0).asText().equals("world.user_count_change"), SOON);
            assertEquals("{\"room\":\"" + room + "\",\"users\":\"few\"}", change.get(1).toString());
            visitor.send("room.leave", 2, Map.of("room", room));
            visitor.await(f -> f.toString().equals("[\"success\",2,{}]"), SOON);
            change = watcher.await(f -> f.get(0).asText().equals("world.user_count_change"), SOON);
            assertEquals("{\"room\":\"" + room + "\",\"users\":\"none\"}", change.get(1).toString());
            visitor.send("room.enter", 3, Map.of("room", UUID.randomUUID().toString()));
            assertEquals("room.unknown", visitor.await(f -> f.get(0).asText().equals("error"), SOON).at("/2/code").asText());
        }
    }

    @Test
    void aRestPatchPushesTheWorldToItsSockets() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.authenticate(stoa.rawToken("live", "attendee"));
            HttpResponse<String> patched = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(stoa.http() + "/api/v1/worlds/live/"))
                    .header("Authorization", "Bearer " + stoa.rawToken("live", "api"))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Renamed live\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, patched.statusCode(), patched.body());
            JsonNode updated = client.await(f -> f.get(0).asText().equals("world.updated"), SOON);
            assertEquals("Renamed live", updated.at("/1/world/title").asText());
            assertEquals(8, updated.at("/1/rooms").size());
        }
    }

    @Test
    void theConnectionLimitReplacesTheOldestSocketOfAUser() throws Exception {
        stoa.sql("UPDATE worlds SET config = config || '{\"connection_limit\": 1}' WHERE id = 'closed'");
        JsonNode secret = secret("closed");
        String token = Jwt.sign(secret.get("secret").asText(), secret.get("issuer").asText(),
                secret.get("audience").asText(), "limited-" + UUID.randomUUID(), List.of("attendee"),
                Instant.now().plusSeconds(3600));
        try (WsClient first = WsClient.open(stoa.http(), "closed"); WsClient second = WsClient.open(stoa.http(), "closed")) {
            first.authenticate(token);
            second.authenticate(token);
            JsonNode replaced = first.await(f -> f.get(0).asText().equals("error"), SOON);
            assertEquals("connection.replaced", replaced.at("/1/code").asText());
            assertEquals(1000, first.closeCode(SOON));
            second.send("ping", 1);
            assertEquals("[\"pong\",1]", second.next().toString());
        } finally {
            stoa.sql("UPDATE worlds SET config = config - 'connection_limit' WHERE id = 'closed'");
        }
    }

    @Test
    void badInputGetsAnErrorAndNeverBreaksTheSocket() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.sendText("not json");
            assertEquals("protocol.invalid", client.next().at("/1/code").asText());
            client.sendText("{\"an\": \"object\"}");
            assertEquals("protocol.invalid", client.next().at("/1/code").asText());
            client.sendText("[1, 2, 3]");
            assertEquals("protocol.invalid", client.next().at("/1/code").asText());
            client.sendText("[]");
            assertEquals("protocol.invalid", client.next().at("/1/code").asText());
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("protocol.invalid", client.next().at("/1/code").asText());
            client.send("authenticate", "a string body");
            assertEquals("auth.missing_id_or_token", client.next().at("/1/code").asText());
            client.send("ping", 1);
            assertEquals("[\"pong\",1]", client.next().toString());
        }
        try (WsClient flooder = WsClient.open(stoa.http(), "live")) {
            for (int i = 0; i < 200; i++) {
                flooder.send("ping", i);
            }
            JsonNode limited = flooder.await(f -> f.get(0).asText().equals("error"), SOON);
            assertEquals("protocol.rate_limited", limited.at("/1/code").asText());
            assertTrue(limited.at("/1/message").asText().contains("at most 20 a second"), limited.toString());
            Thread.sleep(2500);
            flooder.send("ping", "after");
            flooder.await(f -> f.toString().equals("[\"pong\",\"after\"]"), SOON);
        }
        try (WsClient binaryFlooder = WsClient.open(stoa.http(), "live")) {
            // Binary frames count against the same rate: each one used to be answered, however many came.
            for (int i = 0; i < 200; i++) {
                binaryFlooder.sendBinary(new byte[] {1, 2, 3});
            }
            JsonNode limited = binaryFlooder.await(f -> f.at("/1/code").asText().equals("protocol.rate_limited"), SOON);
            assertTrue(limited.at("/1/message").asText().contains("at most 20 a second"), limited.toString());
        }
        try (WsClient big = WsClient.open(stoa.http(), "live")) {
            big.sendText("[\"ping\", \"" + "x".repeat(70_000) + "\"]");
            assertEquals(1009, big.closeCode(SOON));
        }
        assertFalse(stoa.log().lines().anyMatch(l -> l.contains("connections") && (l.contains("ERROR") || l.contains("WARN"))),
                "nothing about connections above INFO in karaf.log");
    }

    @Test
    void theEnvironmentReachesTheConnectionsServiceThroughItsShippedCfgFile() throws Exception {
        // No Java reads STOA_ENVIRONMENT: the shipped file's line does, through Karaf's interpolation.
        assertTrue(Files.readAllLines(stoa.home().resolve("etc/org.stoa.connections.cfg"))
                .contains("environment = ${env:STOA_ENVIRONMENT:-}"));
        // config:list only reads (config:property-get -p would write the configuration back).
        StoaInstance.Result configured = stoa.stoa("config:list", "(service.pid=org.stoa.connections)");
        assertEquals(0, configured.exit(), configured.output());
        assertTrue(configured.lines().stream().anyMatch(l -> l.strip().equals("environment = testing")),
                configured.output());
        assertTrue(labelOf(stoa).endsWith(".testing"), labelOf(stoa));
    }

    @Test
    void connectionsAreCountedDroppedAndReloadedByLabel() throws Exception {
        String label = labelOf(stoa);
        assertTrue(label.endsWith(".testing"), label);
        try (WsClient a = WsClient.open(stoa.http(), "live"); WsClient b = WsClient.open(stoa.http(), "live")) {
            a.authenticate(stoa.rawToken("live", "attendee"));
            b.authenticate(stoa.rawToken("live", "attendee"));
            StoaInstance.Result none = stoa.stoa("connections:drop", "*.production");
            assertEquals(0, none.exit(), none.output());
            assertTrue(none.output().contains("Dropped 0 connections on 1 nodes"), none.output());
            assertNull(a.nothingFor(Duration.ofMillis(500)));

            StoaInstance.Result reloaded = stoa.stoa("connections", "force_reload", "--interval", "300", "*.testing");
            assertEquals(0, reloaded.exit(), reloaded.output());
            assertTrue(reloaded.output().contains("Reloaded 2 connections on 1 nodes"), reloaded.output());
            assertEquals("[\"connection.reload\",{}]", a.await(f -> f.get(0).asText().startsWith("connection"), SOON).toString());
            assertEquals("[\"connection.reload\",{}]", b.await(f -> f.get(0).asText().startsWith("connection"), SOON).toString());
            assertEquals(1000, a.closeCode(SOON));
            assertEquals(1000, b.closeCode(SOON));
        }
        try (WsClient a = WsClient.open(stoa.http(), "live"); WsClient b = WsClient.open(stoa.http(), "live")) {
            a.authenticate(stoa.rawToken("live", "attendee"));
            b.authenticate(stoa.rawToken("live", "attendee"));
            // all at once: every client is told, and the sockets stay open for the reload's grace
            StoaInstance.Result reloaded = stoa.stoa("connections:force-reload");
            assertEquals(0, reloaded.exit(), reloaded.output());
            assertTrue(reloaded.output().contains("Reloaded 2 connections on 1 nodes"), reloaded.output());
            assertEquals("[\"connection.reload\",{}]", a.await(f -> f.get(0).asText().startsWith("connection"), SOON).toString());
            assertEquals("[\"connection.reload\",{}]", b.await(f -> f.get(0).asText().startsWith("connection"), SOON).toString());
            // The grace is 2 s; a socket closed together with its reload frame would be gone well within 300 ms.
            assertNull(a.nothingFor(Duration.ofMillis(300)));
            assertFalse(a.isClosed() || b.isClosed(), "closed before the client could act on its reload");
            assertEquals(1000, a.closeCode(SOON));
            assertEquals(1000, b.closeCode(SOON));
        }
        try (WsClient c = WsClient.open(stoa.http(), "live")) {
            c.authenticate(stoa.rawToken("live", "attendee"));
            StoaInstance.Result dropped = stoa.stoa("connections:drop");
            assertTrue(dropped.output().contains("Dropped 1 connections on 1 nodes"), dropped.output());
            assertEquals(1000, c.closeCode(SOON));
        }
        StoaInstance.Result bad = stoa.stoa("connections:drop", "--interval", "soon");
        assertEquals(1, bad.exit());
        assertEquals("--interval: milliseconds between 0 and 60000, not 'soon'", bad.output().strip());
    }

    @Test
    void aClientThatVanishesIsReapedAndLeavesTheCount() throws Exception {
        String label = labelOf(stoa);
        WsClient gone = WsClient.open(stoa.http(), "live");
        gone.authenticate(stoa.rawToken("live", "attendee"));
        long before = countOf(stoa, label);
        assertTrue(before >= 1, "counted: " + before);
        gone.abort();
        // pingTimeoutSeconds is 6 here; the count is reported every second.
        StoaInstance.Result after = stoa.awaitStoa(Duration.ofSeconds(30),
                r -> r.output().contains(label) && countIn(r.output(), label) < before, "connections:list");
        assertTrue(after.output().startsWith("label"), after.output());
    }

    static String labelOf(StoaInstance node) throws Exception {
        StoaInstance.Result list = node.awaitStoa(SOON, r -> r.output().lines().count() > 1, "connections", "list");
        return list.output().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    }

    static long countOf(StoaInstance node, String label) throws Exception {
        Thread.sleep(1500);
        return countIn(node.stoa("connections:list").output(), label);
    }

    static long countIn(String listing, String label) {
        return listing.lines().filter(l -> l.startsWith(label + " ")).mapToLong(l -> Long.parseLong(l.substring(60).trim()))
                .findFirst().orElse(0);
    }

    private static JsonNode secret(String world) throws Exception {
        return WsClient.JSON.readTree(stoa.sql("SELECT config->'JWT_secrets'->0 FROM worlds WHERE id = '" + world + "'"));
    }
}
