package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What Prometheus scrapes from {@code /metrics} on the assembled distribution: the text format,
 * series that move as attendees' sockets open, log in and close, every module's schema, the JVM
 * and the database pool; and that only the addresses the operator allows may scrape.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsTest {

    /** One sample line of the text format: name, optional labels, value (and an optional timestamp). */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)( -?\\d+)?");
    private static final String WORLD = "metered";

    private static StoaInstance stoa;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("metrics", 10000, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        stoa.set("etc/org.stoa.spoke.cfg", "reserved_memory_mb", "0");
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(4), r -> r.output().matches("(?s).*\\nlocal .* yes .*"), "spoke:list");
        stoa.importSampleWorld(WORLD, "metered.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    private static HttpResponse<String> get() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stoa.http() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample of a scrape, by name and labels as written; fails on a line that is not the text format. */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get();
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain;version=0.0.4;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample of the Prometheus text format: " + line);
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    /** The sum of the samples of the series named so whose labels contain each given label. */
    private static double sum(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> List.of(labels).stream().allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Scrapes until the samples show what is wanted (sockets close asynchronously), at most 20 s. */
    private static Map<String, Double> scrapeUntil(Predicate<Map<String, Double>> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Double> samples = scrape();
        while (!wanted.test(samples) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            samples = scrape();
        }
        return samples;
    }

    @Test
    @Order(1)
    void aScrapeIsThePrometheusTextFormatWithJvmPoolAndEverySchemaCurrent() throws Exception {
        Map<String, Double> samples = scrape();

        assertTrue(sum(samples, "jvm_memory_used_bytes", "area=\"heap\"") > 0, samples.keySet().toString());
        assertTrue(sum(samples, "jvm_threads_current") > 0, samples.keySet().toString());
        assertTrue(sum(samples, "stoa_db_pool_max", "pool=\"stoa\"") > 0, samples.keySet().toString());
        assertTrue(samples.containsKey("stoa_db_pool_active{pool=\"stoa\"}"), samples.keySet().toString());
        assertTrue(samples.containsKey("stoa_db_pool_idle{pool=\"stoa\"}"), samples.keySet().toString());
        assertTrue(samples.containsKey("stoa_db_pool_pending{pool=\"stoa\"}"), samples.keySet().toString());

        for (String module : List.of("stoa-connections", "stoa-worlds", "stoa-vm-hub", "stoa-payments", "stoa-chat")) {
            assertEquals(1.0, samples.get("stoa_schema_current{module=\"" + module + "\"}"), module + " in " + samples.keySet());
            assertEquals(0.0, samples.get("stoa_migrations_pending{module=\"" + module + "\"}"), module);
            assertTrue(samples.get("stoa_migrations_applied{module=\"" + module + "\"}") >= 1, module);
        }
        assertEquals(0.0, sum(samples, "stoa_migrations_pending"), "no module has migrations pending");
        assertEquals(0.0, samples.get("stoa_billing_notices_pending"), "no billing notice is owed");
        assertTrue(samples.containsKey("stoa_billing_runs_total"), samples.keySet().toString());
        assertTrue(samples.containsKey("stoa_billing_last_run_timestamp_seconds"), samples.keySet().toString());
    }

    @Test
    @Order(2)
    void openSocketsLoginsAndMessagesMoveTheSeries() throws Exception {
        String world = "world=\"" + WORLD + "\"";
        Map<String, Double> before = scrape();
        String token = stoa.rawToken(WORLD, "attendee");

        WsClient first = WsClient.open(stoa.http(), WORLD);
        WsClient second = WsClient.open(stoa.http(), WORLD);
        WsClient stranger = WsClient.open(stoa.http(), WORLD);
        try {
            first.authenticate(token);
            second.authenticate(token);
            WsClient.assertError("auth.invalid_token", stranger.call("authenticate", Map.of("token", "not.a.token")));

            Map<String, Double> during = scrape();
            assertEquals(sum(before, "stoa_connections_open", world) + 3, sum(during, "stoa_connections_open", world));
            assertEquals(sum(before, "stoa_authentications_total") + 2, sum(during, "stoa_authentications_total"));
            assertEquals(sum(before, "stoa_authentication_failures_total", "code=\"auth.invalid_token\"") + 1,
                    sum(during, "stoa_authentication_failures_total", "code=\"auth.invalid_token\""));
            assertTrue(sum(during, "stoa_websocket_messages_received_total")
                    >= sum(before, "stoa_websocket_messages_received_total") + 3);
            assertTrue(sum(during, "stoa_websocket_messages_sent_total")
                    >= sum(before, "stoa_websocket_messages_sent_total") + 3);
            // What connections list sums: each node's rows, written every few seconds.
            Map<String, Double> reported = scrapeUntil(s -> sum(s, "stoa_cluster_connections")
                    >= sum(before, "stoa_cluster_connections") + 2);
            assertTrue(sum(reported, "stoa_cluster_connections") >= sum(before, "stoa_cluster_connections") + 2,
                    reported.toString());
            assertTrue(reported.keySet().stream().anyMatch(k -> k.startsWith("stoa_cluster_connections{") && k.contains("node=\"")),
                    reported.keySet().toString());
        } finally {
            StoaInstance.closeAll(first, second, stranger);
        }

        // A drop is published to every node over NOTIFY, this one included.
        Map<String, Double> quiet = scrape();
        StoaInstance.Result drop = stoa.stoa("connections", "drop", "nothing-here-*");
        assertEquals(0, drop.exit(), drop.output());
        String topic = "topic=\"stoa_connections\"";
        Map<String, Double> notified = scrapeUntil(s -> sum(s, "stoa_cluster_messages_received_total", topic)
                >= sum(quiet, "stoa_cluster_messages_received_total", topic) + 1);
        assertTrue(sum(notified, "stoa_cluster_messages_published_total", topic)
                >= sum(quiet, "stoa_cluster_messages_published_total", topic) + 1, notified.toString());
        assertTrue(sum(notified, "stoa_cluster_messages_received_total", topic)
                >= sum(quiet, "stoa_cluster_messages_received_total", topic) + 1, notified.toString());

        double open = sum(before, "stoa_connections_open", world);
        Map<String, Double> after = scrapeUntil(s -> sum(s, "stoa_connections_open", world) == open);
        assertEquals(open, sum(after, "stoa_connections_open", world), "the closed sockets are no longer counted");
    }

    @Test
    @Order(3)
    void aClientOutsideTheAllowedAddressesIsRefused() throws Exception {
        // This test runs on loopback: allowing only a network that does not hold it shuts this client out.
        HttpResponse<String> refused = allowAndAwait("10.0.0.0/8", 403);
        assertEquals(403, refused.statusCode(), refused.body());
        assertFalse(refused.body().contains("jvm_"), refused.body());

        assertEquals(200, allowAndAwait("127.0.0.0/8, ::1", 200).statusCode());
    }

    @Test
    @Order(4)
    void aCreatedVmAndItsSpokesHeartbeatAreSeries() throws Exception {
        Path template = Files.createTempFile("debian-12", ".img");
        try {
            Files.write(template, new byte[1 << 20]);
            assertEquals(0, stoa.stoa("spoke:template-add", "debian-12.qcow2", template.toString()).exit());
        } finally {
            Files.deleteIfExists(template);
        }
        assertEquals(0, stoa.stoa("account:create", "alice@example.org").exit());
        assertEquals(0, stoa.stoa("account:ssh-key-add", "alice@example.org", "laptop",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop").exit());
        String running = "stoa_vms{spoke=\"local\",state=\"running\"}";
        double before = scrape().getOrDefault(running, 0.0);

        StoaInstance.Result created = stoa.stoa("vm:create", "--email", "alice@example.org", "--size", "f1-xs", "--os", "debian12");
        assertEquals(0, created.exit(), created.output());

        Map<String, Double> samples = scrape();
        assertEquals(before + 1, samples.get(running), samples.keySet().toString());
        assertEquals(1.0, samples.get("stoa_spoke_online{spoke=\"local\"}"));
        assertTrue(samples.get("stoa_spoke_heartbeat_age_seconds{spoke=\"local\"}") >= 0, samples.keySet().toString());
    }

    /**
     * Sets {@code allow} and asks until the status is the one expected, at most 30 s: the file is
     * read a moment after it changes, and Karaf may write the previous setting back over a change
     * that came too soon after the last, so the line is written again while it is not there.
     */
    private static HttpResponse<String> allowAndAwait(String allow, int status) throws Exception {
        Path cfg = stoa.home().resolve("etc/org.stoa.metrics.cfg");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get();
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            if (!Files.readString(cfg).contains("allow = " + allow + "\n")) {
                stoa.set("etc/org.stoa.metrics.cfg", "allow", allow);
            }
            Thread.sleep(250);
            response = get();
        }
        return response;
    }
}
