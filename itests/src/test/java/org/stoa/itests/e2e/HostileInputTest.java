package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The standing suite "Hostile input" (issue 17): what an attacker on loopback sends to the
 * assembled distribution, each case bounded in count, size and time, and what it is answered.
 * One instance serves the whole class. Each case proves:
 * <ul>
 * <li>frames: a number of 900,000 digits or nesting 100,000 deep is refused in one error before
 * login, a ping echoes at most 1,024 characters, and the socket stays usable;</li>
 * <li>floods of text or binary frames, before and after login, far beyond the rate limit: the
 * flooder is told {@code protocol.rate_limited} once, the excess is dropped unanswered, its socket
 * stays open and is answered again once it slows down;</li>
 * <li>a client that stops reading is disconnected without a close frame queued behind its
 * backlog;</li>
 * <li>HTTP bodies: huge numbers and deep nesting in the worlds API, a signed webhook and the
 * hub's claim answer 400/401 at once; a body declaring 64 MiB gets 413 before it is read on every
 * HTTP endpoint (each JAX-RS application, the console, the webapp, /health, the WebSocket path);</li>
 * <li>webhooks: a Stripe event with a wrong, missing, too old or future signature is refused and
 * stores nothing; a valid one delivered twice is credited once; a BTCPay delivery with a wrong
 * HMAC is refused and one delivered twice is recorded once;</li>
 * <li>files: every command that reads a file (world:import-config, db:sql -f, db:restore,
 * spoke:template-add) answers a missing file, a directory, an unreadable file, binary garbage,
 * truncated JSON and a 3 GiB file with one line and a non-zero exit, and changes nothing;</li>
 * <li>upgrades to random world ids are told so and closed; a bad glob is refused in one line.</li>
 * </ul>
 * Throughout every case an honest attendee of the same node pings (every 50 ms) and must be
 * answered; its round trips are measured, not asserted: with {@code -Dstoa.hostile.report=FILE}
 * the class writes each case's p50/p99/max to FILE ({@code benchmarks/hostile.sh}).
 */
class HostileInputTest {

    private static final int OFFSET = 6100;
    private static final Duration SOON = Duration.ofSeconds(20);
    /** What the node answers a frame over its parser's limits (FrameJson.REFUSAL). */
    private static final String REFUSAL = "A message may hold numbers of at most 100 digits and nest at most 64 deep";
    /** maxPendingBytes of this instance: small, so that a client that stops reading trips it soon. */
    private static final int MAX_PENDING = 256 * 1024;

    private static final String STRIPE_SECRET = "whsec_hostile";
    private static final String BTCPAY_SECRET = "btcpay_hostile";
    private static final String ALICE = "alice@example.org";

    private static StoaInstance stoa;
    /** Each case's honest round trips in milliseconds, in the order the cases ran. */
    private static final Map<String, List<Double>> ROUND_TRIPS = Collections.synchronizedMap(new LinkedHashMap<>());
    private HonestPinger pinger;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("hostile-input", OFFSET, Map.of("STOA_ENVIRONMENT", "testing",
                "STOA_STRIPE_SIGNING_SECRET", STRIPE_SECRET, "STOA_BTCPAY_SECRET", BTCPAY_SECRET,
                "STOA_LIBVIRT_URI", "test:///default"));
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
        assertEquals(0, stoa.stoa("account:create", ALICE).exit());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            writeReport();
        } finally {
            if (stoa != null) {
                stoa.close();
            }
        }
    }

    @BeforeEach
    void startHonestPinger() throws Exception {
        pinger = new HonestPinger(stoa.http(), stoa.rawToken("live", "attendee"));
    }

    /** The honest attendee was answered every ping while the case ran. */
    @AfterEach
    void stopHonestPinger(TestInfo test) throws Exception {
        List<Double> trips = pinger.stop();
        ROUND_TRIPS.put(test.getTestMethod().orElseThrow().getName(), trips);
        assertEquals(null, pinger.failure.get(), "the honest attendee was not served");
        assertFalse(trips.isEmpty(), "the honest attendee got no pong");
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
                flooder.flush();
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

    /**
     * 60,000 pings sent at once before login, three times what this node's burst allows: the
     * flooder is told once that its excess is dropped, is answered fewer pongs than it sent, and
     * keeps its socket: once it slows down, its next ping is answered.
     */
    @Test
    void aFloodOfPingsBeforeLoginIsCutToTheRateLimitAndTheSocketStaysOpen() throws Exception {
        try (RawWebSocket flooder = RawWebSocket.open(stoa.http(), "/ws/world/live/", 1 << 20)) {
            assertFlood(flooder, false);
        }
    }

    @Test
    void aFloodOfPingsAfterLoginIsCutToTheRateLimitAndTheSocketStaysOpen() throws Exception {
        try (RawWebSocket flooder = RawWebSocket.open(stoa.http(), "/ws/world/live/", 1 << 20)) {
            flooder.sendText("[\"authenticate\",{\"token\":\"" + stoa.rawToken("live", "attendee") + "\"}]");
            flooder.flush();
            String answer = flooder.nextText(SOON);
            assertTrue(answer.startsWith("[\"authenticated\","), answer);
            assertFlood(flooder, false);
        }
    }

    /** Binary frames count against the same limit: each admitted one is told text is wanted, the rest dropped. */
    @Test
    void aFloodOfBinaryFramesIsCutToTheRateLimitAndTheSocketStaysOpen() throws Exception {
        try (RawWebSocket flooder = RawWebSocket.open(stoa.http(), "/ws/world/live/", 1 << 20)) {
            assertFlood(flooder, true);
        }
    }

    private static final String RATE_LIMITED = "[\"error\",{\"code\":\"protocol.rate_limited\",\"message\":"
            + "\"Too many messages: at most 5000 a second; messages over the limit are dropped\"}]";

    private static void assertFlood(RawWebSocket flooder, boolean binary) throws Exception {
        int frames = 60_000;
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        // Sent by a thread of its own while this one reads, as a flooder that reads its answers does.
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    if (binary) {
                        flooder.sendBinary(new byte[] {1, 2, 3});
                    } else {
                        flooder.sendText("[\"ping\",1]");
                    }
                }
                flooder.flush();
            } catch (IOException e) {
                sendFailure.set(e);
            }
        }, "flooder");
        sender.start();
        // Answers until the node has worked through the flood (nothing more for 3 s).
        List<String> answers = new ArrayList<>();
        for (String answer = flooder.nextText(SOON); answer != null || sender.isAlive();
                answer = flooder.nextText(Duration.ofSeconds(3))) {
            if (answer != null) {
                answers.add(answer);
            }
        }
        sender.join();
        assertEquals(null, sendFailure.get(), "the flooder was cut off");
        String expected = binary ? "[\"error\",{\"code\":\"protocol.invalid\",\"message\":"
                + "\"Binary messages are not supported: send JSON as text\"}]" : "[\"pong\",1]";
        long answered = answers.stream().filter(expected::equals).count();
        long warnings = answers.stream().filter(RATE_LIMITED::equals).count();
        assertTrue(warnings >= 1, "never told it was rate limited: " + answers.subList(0, Math.min(3, answers.size())));
        assertTrue(warnings < 10, warnings + " warnings: a flood must not be answered by one");
        assertEquals(answers.size(), answered + warnings, "other answers: " + answers.stream()
                .filter(a -> !a.equals(expected) && !a.equals(RATE_LIMITED)).limit(3).toList());
        assertTrue(answered < frames, "every frame of the flood was answered");
        flooder.sendText("[\"ping\",4242]");
        flooder.flush();
        assertEquals("[\"pong\",4242]", flooder.nextText(SOON));
    }

    /** Huge numbers and deep nesting in a REST body are refused at once with 400, and nothing changes. */
    @Test
    void hugeNumbersAndDeepNestingInTheWorldsApiAreRefused() throws Exception {
        String token = stoa.rawToken("live", "api");
        for (String body : List.of("{\"title\":" + "7".repeat(900_000) + "}",
                "{\"title\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")) {
            HttpResponse<String> answer = http("PATCH", "/api/v1/worlds/live/", body, "Authorization", "Bearer " + token);
            assertEquals(400, answer.statusCode(), answer.body());
            assertTrue(answer.body().matches(API_REFUSAL), answer.body());
        }
        HttpResponse<String> world = http("GET", "/api/v1/worlds/live/", null, "Authorization", "Bearer " + token);
        assertEquals(200, world.statusCode(), world.body());
        assertFalse(world.body().contains("777"), world.body());
    }

    /** Jackson's own words for the limit a body passed (the application's JSON error mapping). */
    private static final String API_REFUSAL = "\\{\"detail\":\"JSON parse error - .* exceeds the maximum allowed \\((100|64)[,)].*\"}";

    /** A body under the webhook limit, correctly signed, holding a huge number or deep nesting: refused, nothing stored. */
    @Test
    void hugeNumbersAndDeepNestingInASignedWebhookAreRefused() throws Exception {
        String before = payments();
        for (String body : List.of("{\"id\":\"evt_huge\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
                + "{\"id\":\"cs_huge\",\"amount_total\":" + "7".repeat(60_000) + "}}}",
                "{\"id\":\"evt_deep\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}")) {
            HttpResponse<String> answer = stripe(body, stripeSignature(Instant.now().getEpochSecond(), body));
            assertEquals(400, answer.statusCode(), answer.body());
            assertEquals("{\"detail\":\"not a Stripe event: the body is not JSON\"}", answer.body());
        }
        assertEquals(before, payments());
    }

    /** The hub's spoke API checks the token before it reads a body of huge numbers too. */
    @Test
    void aSpokeClaimWithAHugeNumberAndNoTokenIsRefused() throws Exception {
        HttpResponse<String> answer = http("POST", "/hub/operations/1/claim", "{\"host\":" + "7".repeat(900_000) + "}",
                "Authorization", "Bearer not-a-spoke-token");
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("{\"error\":\"wrong or missing token\"}", answer.body());
    }

    /** Every HTTP endpoint, not only the JAX-RS applications, refuses a body declaring 64 MiB before reading it. */
    @Test
    void anOversizedBodyIsRefusedOnEveryHttpEndpoint() throws Exception {
        for (String path : List.of("/spoke/heartbeat", "/spoke/create", "/capsul/auth/login", "/capsul/console/create",
                "/health", "/", "/some/app/route", "/ws/world/live/")) {
            assertEquals("HTTP/1.1 413 Payload Too Large", BodyLimitTest.declared(stoa.http(), "POST", path, 64L << 20), path);
        }
    }

    /** Forged Stripe events are refused with the reason and store nothing; a valid one delivered twice is credited once. */
    @Test
    void forgedAndReplayedStripeWebhooksAreRefusedOrCreditedOnce() throws Exception {
        String body = "{\"id\":\"evt_hostile_1\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
                + "{\"id\":\"cs_hostile_1\",\"amount_total\":700,\"currency\":\"usd\",\"payment_status\":\"paid\","
                + "\"customer_email\":\"alice@example.org\"}}}";
        long now = Instant.now().getEpochSecond();
        String before = payments();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("t=" + now + ",v1=" + hmac("whsec_forged", now + "." + body), "the Stripe-Signature does not match the body");
        forged.put("", "no Stripe-Signature header");
        forged.put("v1=" + hmac(STRIPE_SECRET, now + "." + body), "the Stripe-Signature header needs t= and v1=");
        forged.put(stripeSignature(now - 3600, body), "the Stripe-Signature timestamp is older than 300 seconds");
        forged.put(stripeSignature(now + 3600, body), "the Stripe-Signature timestamp is in the future");
        for (Map.Entry<String, String> signature : forged.entrySet()) {
            HttpResponse<String> answer = stripe(body, signature.getKey());
            assertEquals(400, answer.statusCode(), signature.getKey() + ": " + answer.body());
            assertEquals("{\"detail\":\"" + signature.getValue() + "\"}", answer.body());
        }
        assertEquals(before, payments());

        String signed = stripeSignature(now, body);
        HttpResponse<String> first = stripe(body, signed);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().matches("\\{\"detail\":\"payment \\d+ of \\$7\\.00 added for alice@example.org\"}"), first.body());
        String credited = payments();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = stripe(body, signed);
            assertEquals(200, again.statusCode(), again.body());
            assertEquals("{\"detail\":\"event evt_hostile_1 was processed before; nothing changed\"}", again.body());
        }
        assertEquals(credited, payments());
    }

    /** A BTCPay delivery with a wrong or missing HMAC is refused; one delivered again is recorded once. */
    @Test
    void forgedAndReplayedBtcpayWebhooksAreRefusedOrRecordedOnce() throws Exception {
        String body = "{\"deliveryId\":\"d-hostile-1\",\"webhookId\":\"wh-hostile\",\"originalDeliveryId\":\"d-hostile-1\","
                + "\"isRedelivery\":false,\"type\":\"InvoiceCreated\",\"timestamp\":1767225600,\"storeId\":\"store-hostile\","
                + "\"invoiceId\":\"inv-hostile-1\",\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"5.00\"}}";
        String before = payments();
        HttpResponse<String> wrong = btcpay(body, "sha256=" + hmac("forged", body));
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("{\"detail\":\"the BTCPay-Sig does not match the body\"}", wrong.body());
        HttpResponse<String> missing = btcpay(body, null);
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals("{\"detail\":\"no BTCPay-Sig: sha256=... header\"}", missing.body());
        assertEquals(before, payments());

        String signature = "sha256=" + hmac(BTCPAY_SECRET, body);
        HttpResponse<String> first = btcpay(body, signature);
        assertEquals(200, first.statusCode(), first.body());
        String recorded = payments();
        String redelivery = body.replace("\"deliveryId\":\"d-hostile-1\"", "\"deliveryId\":\"d-hostile-2\"")
                .replace("\"isRedelivery\":false", "\"isRedelivery\":true");
        for (String again : List.of(body, redelivery)) {
            HttpResponse<String> answer = btcpay(again, "sha256=" + hmac(BTCPAY_SECRET, again));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"detail\":\"event d-hostile-1 was processed before; nothing changed\"}", answer.body());
        }
        assertEquals(recorded, payments());
    }

    /**
     * Every command that reads a file answers each bad file with one line naming it and a
     * non-zero exit, and changes nothing.
     */
    @Test
    void everyCommandThatReadsAFileRefusesABadFileInOneLineAndChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("hostile-files");
        Path missing = dir.resolve("missing.json");
        Path unreadable = dir.resolve("socket");
        Path garbage = dir.resolve("garbage.bin");
        Path truncated = dir.resolve("truncated.json");
        Path huge = dir.resolve("huge.bin");
        // A PNG's first bytes, then noise: a binary file given by mistake.
        byte[] binary = new byte[64 * 1024];
        new java.util.Random(17).nextBytes(binary);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, binary, 0, 8);
        Files.write(garbage, binary);
        String world = Files.readString(Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json"));
        Files.writeString(truncated, world.substring(0, world.length() / 2));
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(3L << 30);
        }
        // Root reads any file whatever its mode: a socket is a file that no one can read.
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(unreadable));
            String before = fingerprint();
            Map<List<String>, String> refusals = new LinkedHashMap<>();
            String unreadableReason = ": No such device or address";
            refusals.put(List.of("world:import-config", missing.toString()), "no such file: " + missing);
            refusals.put(List.of("world:import-config", dir.toString()), dir + ": cannot read the config: Is a directory; nothing was changed");
            refusals.put(List.of("world:import-config", unreadable.toString()), "cannot read " + unreadable + unreadableReason);
            refusals.put(List.of("world:import-config", garbage.toString()), garbage
                    + ": invalid JSON at line 1, column 2: Invalid UTF-8 start byte 0x89; nothing was changed");
            refusals.put(List.of("world:import-config", truncated.toString()), truncated + ": invalid JSON at line 236, column 6: "
                    + "Unexpected end-of-input: expected close marker for Array (start marker at line 216, column 12); nothing was changed");
            refusals.put(List.of("world:import-config", huge.toString()), huge + ": invalid JSON at line 1, column 2: Illegal character "
                    + "((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed between tokens; nothing was changed");
            for (Map.Entry<Path, String> restore : Map.of(missing, "no such file or directory", dir, "Is a directory",
                    unreadable, "No such device or address", garbage, "the file is damaged or not gzip (Not in GZIP format)",
                    truncated, "the file is damaged or not gzip (Not in GZIP format)",
                    huge, "the file is damaged or not gzip (Not in GZIP format)").entrySet()) {
                refusals.put(List.of("db:restore", restore.getKey().toString()),
                        "cannot restore " + restore.getKey() + ": " + restore.getValue() + "; nothing was changed");
            }
            for (Map.Entry<Path, String> sql : Map.of(missing, "no such file or directory", dir, "Is a directory",
                    unreadable, "No such device or address", garbage, "it is not UTF-8 text",
                    huge, (3L << 30) + " bytes is more than db:sql -f reads (64 MiB); split it into smaller files").entrySet()) {
                refusals.put(List.of("db:sql", "-f", sql.getKey().toString()), "cannot read " + sql.getKey() + ": " + sql.getValue());
            }
            // A template is any disk image, raw ones included, of any size: garbage and huge files are valid.
            for (Map.Entry<Path, String> template : Map.of(missing, "no such file or directory", dir, "Is a directory",
                    unreadable, "No such device or address").entrySet()) {
                refusals.put(List.of("spoke:template-add", "bad.qcow2", template.getKey().toString()),
                        "cannot read the image " + template.getKey() + ": " + template.getValue());
            }
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<List<String>, String> refusal : refusals.entrySet()) {
                StoaInstance.Result result = stoa.stoa(refusal.getKey().toArray(String[]::new));
                if (result.exit() == 0 || result.lines().size() != 1 || !result.lines().get(0).equals(refusal.getValue())) {
                    wrong.add(String.join(" ", refusal.getKey()) + " -> exit " + result.exit() + ": " + result.output().strip()
                            + " (expected: " + refusal.getValue() + ")");
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(before, fingerprint());
        } finally {
            for (Path file : List.of(unreadable, garbage, truncated, huge)) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** What the file commands could change: worlds, rooms, templates, payments. */
    private static String fingerprint() throws Exception {
        return stoa.stoa("world:list").output() + stoa.sql("SELECT (SELECT count(*) FROM worlds) || '/' || (SELECT count(*) FROM rooms)")
                + stoa.stoa("spoke:template-list").output() + payments();
    }

    private static String payments() throws Exception {
        return stoa.sql("SELECT (SELECT count(*) FROM payments) || '/' || (SELECT count(*) FROM payment_events) || '/' "
                + "|| (SELECT count(*) FROM payment_sessions)");
    }

    private static String stripeSignature(long t, String body) throws Exception {
        return "t=" + t + ",v1=" + hmac(STRIPE_SECRET, t + "." + body);
    }

    private static HttpResponse<String> stripe(String body, String signature) throws Exception {
        return signature.isEmpty() ? http("POST", "/payments/webhooks/stripe", body)
                : http("POST", "/payments/webhooks/stripe", body, "Stripe-Signature", signature);
    }

    private static HttpResponse<String> btcpay(String body, String signature) throws Exception {
        return signature == null ? http("POST", "/payments/webhooks/btcpay", body)
                : http("POST", "/payments/webhooks/btcpay", body, "BTCPay-Sig", signature);
    }

    private static HttpResponse<String> http(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stoa.http() + path)).timeout(SOON)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** With -Dstoa.hostile.report=FILE: each case's honest round trips (p50, p99, max), one line each, tab-separated. */
    private static void writeReport() throws IOException {
        String report = System.getProperty("stoa.hostile.report");
        if (report == null || report.isBlank()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        synchronized (ROUND_TRIPS) {
            for (Map.Entry<String, List<Double>> trips : ROUND_TRIPS.entrySet()) {
                List<Double> sorted = new ArrayList<>(trips.getValue());
                Collections.sort(sorted);
                lines.append(String.format(java.util.Locale.ROOT, "%s\t%d\t%.1f\t%.1f\t%.1f%n", trips.getKey(), sorted.size(),
                        percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() - 1)));
            }
        }
        Files.writeString(Path.of(report), lines.toString());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0.0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * An honest attendee on the same node, logged in, pinging every 50 ms on a thread of its own:
     * the round trips it saw, and the first failure (no pong within 10 s, a closed socket).
     */
    private static final class HonestPinger {

        final AtomicReference<String> failure = new AtomicReference<>();
        private final List<Double> trips = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final WsClient client;
        private final Thread thread;

        HonestPinger(String http, String token) throws Exception {
            client = WsClient.open(http, "live");
            client.authenticate(token);
            thread = new Thread(this::run, "honest-pinger");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            int n = 0;
            try {
                while (running.get()) {
                    int id = ++n;
                    long sent = System.nanoTime();
                    client.send("ping", id);
                    client.await(f -> f.get(0).asText().equals("pong") && f.get(1).asInt() == id, Duration.ofSeconds(10));
                    trips.add((System.nanoTime() - sent) / 1e6);
                    Thread.sleep(50);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure.compareAndSet(null, e.toString());
            }
        }

        List<Double> stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
            client.close();
            synchronized (trips) {
                return new ArrayList<>(trips);
            }
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
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.in = new DataInputStream(socket.getInputStream());
        }

        static RawWebSocket open(String http, String path) throws IOException {
            return open(http, path, 4096);
        }

        static RawWebSocket open(String http, String path, int receiveBuffer) throws IOException {
            URI uri = URI.create(http);
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(receiveBuffer);
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

        /** One masked text frame, as a client must send it (buffered: {@link #flush()} sends what is left). */
        void sendText(String text) throws IOException {
            send(0x81, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendBinary(byte[] payload) throws IOException {
            send(0x82, payload);
        }

        void flush() throws IOException {
            out.flush();
        }

        private void send(int opcode, byte[] payload) throws IOException {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write(opcode);
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

        record FrameHeader(int opcode, long length) {
        }

        /** A server frame's opcode and payload length (server frames are never masked). */
        private FrameHeader readHeader() throws IOException {
            int first = in.readUnsignedByte();
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            return new FrameHeader(first & 0x0f, length);
        }

        /** The next text frame the server sent, or null when none comes within {@code patience}; fails on a close. */
        String nextText(Duration patience) throws IOException {
            socket.setSoTimeout((int) patience.toMillis());
            try {
                FrameHeader header = readHeader();
                byte[] payload = in.readNBytes((int) header.length());
                if (header.opcode() != 0x1) {
                    throw new AssertionError("not a text frame (opcode " + header.opcode() + "): "
                            + new String(payload, StandardCharsets.UTF_8));
                }
                return new String(payload, StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException quiet) {
                return null;
            } finally {
                socket.setSoTimeout(20_000);
            }
        }

        /** Reads frames until the connection ends; fails when it is still open after {@code patience}. */
        Received readToTheEnd(Duration patience) throws IOException {
            long deadline = System.nanoTime() + patience.toNanos();
            long text = 0;
            try {
                while (System.nanoTime() < deadline) {
                    FrameHeader header = readHeader();
                    in.skipNBytes(header.length());
                    if (header.opcode() == 0x8) {
                        return new Received(text, true, "close frame");
                    }
                    text += header.length();
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
