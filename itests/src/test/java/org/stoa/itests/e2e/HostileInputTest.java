package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input as an attacker sends it to the assembled distribution, each case bounded in size
 * and time: what the attacker is answered, and that an honest client of the same node is still
 * served afterwards.
 */
class HostileInputTest {

    private static final int OFFSET = 6100;
    private static final Duration SOON = Duration.ofSeconds(20);
    /** What the node answers a frame over its parser's limits (FrameJson.REFUSAL). */
    private static final String REFUSAL = "A message may hold numbers of at most 100 digits and nest at most 64 deep";

    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("hostile-input", OFFSET, Map.of("STOA_ENVIRONMENT", "testing"));
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().startsWith("ID"), "world:list");
        ObjectNode config = (ObjectNode) WsClient.JSON.readTree(
                Files.readString(Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json")));
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
    void aPingWithANumberOf900000DigitsBeforeLoginIsRefused() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.sendText("[\"ping\"," + "7".repeat(900_000) + "]");
            assertRefused(client.next());
            assertPongs(client);
        }
    }

    @Test
    void framesNested100000DeepBeforeLoginAreRefused() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.sendText("[\"ping\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]");
            assertRefused(client.next());
            client.sendText("[\"ping\",{\"a\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001) + "]");
            assertRefused(client.next());
            assertPongs(client);
        }
    }

    @Test
    void aSpokeClaimWithoutItsTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        String deep = "{\"host\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(stoa.http() + "/hub/operations/1/claim"))
                .header("Authorization", "Bearer not-a-spoke-token").header("Content-Type", "application/json")
                .timeout(SOON).POST(HttpRequest.BodyPublishers.ofString(deep)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("{\"error\":\"wrong or missing token\"}", answer.body());
    }

    private static void assertRefused(JsonNode answer) {
        assertEquals("[\"error\",{\"code\":\"protocol.invalid\",\"message\":\"" + REFUSAL + "\"}]", answer.toString());
    }

    /** The socket still answers an ordinary ping. */
    private static void assertPongs(WsClient client) throws Exception {
        client.send("ping", 1);
        assertEquals("[\"pong\",1]", client.next().toString());
    }
}
