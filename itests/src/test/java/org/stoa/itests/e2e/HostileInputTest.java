package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
    /** maxPendingBytes of this instance: small, so that a client that stops reading trips it soon. */
    private static final int MAX_PENDING = 256 * 1024;

    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("hostile-input", OFFSET, Map.of("STOA_ENVIRONMENT", "testing"));
        // The flood of the non-reading client must not be cut short by the rate limit.
        stoa.set("etc/org.stoa.connections.cfg", "messagesPerSecond", "5000");
        stoa.set("etc/org.stoa.connections.cfg", "messageBurst", "20000");
        stoa.set("etc/org.stoa.connections.cfg", "maxPendingBytes", Integer.toString(MAX_PENDING));
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
    void aPingEchoesAtMost1024Characters() throws Exception {
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            client.send("ping", "x".repeat(1024));
            assertEquals("pong", client.next().get(0).asText());
            client.send("ping", "x".repeat(900_000));
            assertEquals("[\"error\",{\"code\":\"protocol.invalid\",\"message\":\"A ping carries at most 1024 characters\"}]",
                    client.next().toString());
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

    /**
     * A client that sends pings and never reads the pongs is cut off, without a close frame queued
     * behind what it left unread, once the node holds more than maxPendingBytes for it (long
     * before 1,000 unread messages); a client reading on the same node is answered meanwhile and
     * gets the world's next update.
     */
    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersAreServed() throws Exception {
        try (WsClient honest = WsClient.open(stoa.http(), "live");
                RawWebSocket flooder = RawWebSocket.open(stoa.http(), "/ws/world/live/")) {
            honest.authenticate(stoa.rawToken("live", "attendee"));
            String ping = "[\"ping\",\"" + "x".repeat(1000) + "\"]";
            long sent = 0;
            try {
                // 20,000 echoes of 1 KB: far more than the kernel's buffers and the node's cap hold.
                for (int i = 0; i < 20_000; i++) {
                    flooder.sendText(ping);
                    sent += ping.length();
                }
            } catch (IOException cutOff) {
                // The node disconnected the flooder while it was still sending: what is wanted.
            }
            honest.send("ping", 4242);
            assertEquals("[\"pong\",4242]", honest.await(f -> f.get(0).asText().equals("pong"), SOON).toString());

            RawWebSocket.Received received = flooder.readToTheEnd(Duration.ofSeconds(60));
            assertFalse(received.closeFrame(), "a close frame was queued behind the backlog: " + received);
            assertTrue(received.textBytes() < sent, "the flooder was answered in full: " + received);

            HttpResponse<String> patched = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(stoa.http() + "/api/v1/worlds/live/"))
                    .header("Authorization", "Bearer " + stoa.rawToken("live", "api"))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Still live\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, patched.statusCode(), patched.body());
            JsonNode updated = honest.await(f -> f.get(0).asText().equals("world.updated"), SOON);
            assertEquals("Still live", updated.at("/1/world/title").asText());
        }
    }

    /** Every HTTP application refuses a body over its limit before reading it, signed or not, logged in or not. */
    @Test
    void anOversizedBodyIsRefusedOnEveryHttpApplication() throws Exception {
        for (String path : List.of("/api/v1/worlds/live/", "/login/live", "/hub/operations/1/claim",
                "/payments/webhooks/stripe", "/payments/webhooks/btcpay")) {
            assertEquals("HTTP/1.1 413 Payload Too Large", BodyLimitTest.declared(stoa.http(), "POST", path, 64L << 20), path);
        }
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            assertPongs(client);
        }
    }

    /** Upgrades to 50 worlds that do not exist: each is told so and closed, and the node serves on. */
    @Test
    void socketsToRandomWorldIdsAreToldSoAndClosed() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (WsClient client = WsClient.open(stoa.http(), UUID.randomUUID().toString())) {
                assertEquals("[\"error\",{\"code\":\"world.unknown_world\"}]", client.next().toString());
                assertEquals(1000, client.closeCode(SOON));
            }
        }
        try (WsClient client = WsClient.open(stoa.http(), "live")) {
            assertPongs(client);
        }
    }

    /** A filter no label could match is refused in one line at once, not after the command's patience. */
    @Test
    void aBadGlobIsRefusedInOneLine() throws Exception {
        for (String command : List.of("connections:drop", "connections:force-reload")) {
            StoaInstance.Result refused = stoa.stoa(command, "[z-a]*");
            assertEquals(1, refused.exit(), refused.output());
            assertEquals("invalid filter '[z-a]*': illegal character range; a glob over labels such as 411b261.* or *.production",
                    refused.output().strip());
        }
    }

    private static void assertRefused(JsonNode answer) {
        assertEquals("[\"error\",{\"code\":\"protocol.invalid\",\"message\":\"" + REFUSAL + "\"}]", answer.toString());
    }

    /** The socket still answers an ordinary ping. */
    private static void assertPongs(WsClient client) throws Exception {
        client.send("ping", 1);
        assertEquals("[\"pong\",1]", client.next().toString());
    }

    /**
     * A WebSocket client over a plain socket with a small receive buffer, for a client that stops
     * reading: Java's HttpClient WebSocket keeps reading into memory of its own.
     */
    private static final class RawWebSocket implements AutoCloseable {

        private final java.net.Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        private RawWebSocket(java.net.Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new DataInputStream(socket.getInputStream());
        }

        static RawWebSocket open(String http, String path) throws IOException {
            URI uri = URI.create(http);
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(20_000);
            RawWebSocket ws = new RawWebSocket(socket);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) ws.in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + head);
            }
            return ws;
        }

        /** One masked text frame, as a client must send it. */
        void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream(payload.length + 14);
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i & 3]);
            }
            frame.writeTo(out);
        }

        record Received(long textBytes, boolean closeFrame, String end) {
        }

        /** Reads frames until the connection ends; fails when it is still open after {@code patience}. */
        Received readToTheEnd(Duration patience) throws IOException {
            long deadline = System.nanoTime() + patience.toNanos();
            long text = 0;
            try {
                while (System.nanoTime() < deadline) {
                    int first = in.readUnsignedByte();
                    int second = in.readUnsignedByte();
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    in.skipNBytes(length);
                    if ((first & 0x0f) == 0x8) {
                        return new Received(text, true, "close frame");
                    }
                    text += length;
                }
            } catch (EOFException | SocketException ended) {
                return new Received(text, false, ended.toString());
            }
            throw new AssertionError("still connected after " + patience + "; " + text + " bytes read");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
