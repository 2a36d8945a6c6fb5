package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * VM hosting on the assembled distribution with libvirt's test:///default driver through the
 * real libvirt0: hub and spoke in one process, then a second spoke as a process of its own, booted
 * in the spoke profile as a remote spoke is installed (no database of its own).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmHostingTest {

    private static final Map<String, String> TEST_LIBVIRT = Map.of("STOA_LIBVIRT_URI", "test:///default");
    private static final Pattern CREATED = Pattern.compile("VM (capsul-[a-z0-9]{10}) created on spoke (\\S+): running, (\\S+)");
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";

    private static StoaInstance hub;
    private static StoaInstance spoke2;
    private static Path template;

    @BeforeAll
    static void start() throws Exception {
        hub = StoaInstance.unpack("vmhub", 600, TEST_LIBVIRT);
        onTestDriver(hub);
        hub.set("etc/org.stoa.hub.cfg", "heartbeatIntervalSeconds", "2");
        hub.set("etc/org.stoa.hub.cfg", "heartbeatWindowSeconds", "15");
        hub.start();
        hub.awaitStoa(Duration.ofMinutes(3), r -> r.output().matches("(?s).*\\nlocal .* yes .*"), "spoke:list");
        template = Files.createTempFile("debian-12", ".img");
        Files.write(template, new byte[1 << 20]);
        assertEquals(0, hub.stoa("spoke:template-add", "debian-12.qcow2", template.toString()).exit());
        assertEquals(0, hub.stoa("account:create", "alice@example.org").exit());
        assertEquals(0, hub.stoa("account:ssh-key-add", "alice@example.org", "laptop", KEY).exit());
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(spoke2, hub, () -> {
            if (template != null) {
                Files.deleteIfExists(template);
            }
        });
    }

    /**
     * The test driver's host has 1 GiB free beside its demo domain: without a reserve, room for
     * exactly two f1-xs. Its only pool (default-pool) is found without configuration.
     */
    private static void onTestDriver(StoaInstance instance) throws Exception {
        instance.set("etc/org.stoa.spoke.cfg", "reserved_memory_mb", "0");
    }

    @Test
    @Order(1)
    void aCreatedVmRunsWithAnAddressStopsStartsAndIsDestroyed() throws Exception {
        StoaInstance.Result created = hub.stoa("vm:create", "--email", "alice@example.org", "--size", "f1-xs", "--os", "debian12");
        assertEquals(0, created.exit(), created.output());
        Matcher m = CREATED.matcher(created.output());
        assertTrue(m.find(), created.output());
        String id = m.group(1);
        assertEquals("local", m.group(2));

        assertTrue(hub.stoa("vm:list").output().contains(id), "vm:list shows it");
        assertTrue(hub.stoa("vm:list", "--email", "alice@example.org").output().matches("(?s).*" + id + " .* running +\\d+\\.\\d+\\.\\d+\\.\\d+ .*"));
        assertEquals("VM " + id + ": stopped.", hub.stoa("vm:stop", id).output().strip());
        assertTrue(hub.stoa("vm:get", id).output().contains("state:   stopped"));
        assertEquals("VM " + id + ": running.", hub.stoa("vm:start", id).output().strip());
        assertEquals(0, hub.stoa("vm:check").exit());
        assertEquals("VM " + id + " destroyed.", hub.stoa("vm:destroy", id).output().strip());
        assertTrue(!hub.stoa("vm:list").output().contains(id));
        StoaInstance.Result check = hub.stoa("vm:check");
        assertEquals(0, check.exit(), check.output());
        assertEquals("1", hub.sql("SELECT count(*) FROM vms WHERE id = '" + id + "' AND deleted IS NOT NULL"));
    }

    @Test
    @Order(2)
    void badInputIsRefusedInOneLineAndChangesNothing() throws Exception {
        String before = hub.sql("SELECT (SELECT count(*) FROM vms) || '/' || (SELECT count(*) FROM operations) || '/' "
                + "|| (SELECT count(*) FROM accounts) || '/' || (SELECT count(*) FROM ssh_public_keys)");
        hub.assertRefused("no VM size f9-huge (see vm:sizes)", "vm:create", "--email", "alice@example.org", "--size", "f9-huge", "--os", "debian12");
        hub.assertRefused("no OS image nope (see vm:images)", "vm:create", "--email", "alice@example.org", "--size", "f1-xs", "--os", "nope");
        hub.assertRefused("alice@example.org has no SSH key named desktop", "vm:create", "--email", "alice@example.org", "--size", "f1-xs",
                "--os", "debian12", "--ssh-key", "desktop");
        hub.assertRefused("no VM capsul-0000000000", "vm:get", "capsul-0000000000");
        hub.assertRefused("no VM capsul-0000000000", "vm:destroy", "capsul-0000000000");
        assertEquals(1, hub.stoa("account:ssh-key-add", "alice@example.org", "bad", "ssh-rsa not-base64!").lines().size());
        assertNotEquals(0, hub.stoa("account:create", "not-an-email").exit());
        assertNotEquals(0, hub.stoa("account:create", "alice@example.org").exit());
        assertEquals(before, hub.sql("SELECT (SELECT count(*) FROM vms) || '/' || (SELECT count(*) FROM operations) || '/' "
                + "|| (SELECT count(*) FROM accounts) || '/' || (SELECT count(*) FROM ssh_public_keys)"));
    }

    @Test
    @Order(2)
    void theSpokeApiAdmitsOnlyItsToken() throws Exception {
        String token = java.nio.file.Files.readAllLines(hub.home().resolve("etc/org.stoa.spoke.token.cfg")).stream()
                .filter(l -> l.startsWith(".token")).map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst().orElseThrow();
        assertEquals(401, spokeList("Bearer wrong-" + token).statusCode());
        assertEquals(401, spokeList(null).statusCode());
        java.net.http.HttpResponse<String> ok = spokeList("Bearer " + token);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().startsWith("{\"vms\":"), ok.body());
    }

    private static java.net.http.HttpResponse<String> spokeList(String authorization) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.http() + "/spoke/vms"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(3)
    void aCreateNoSpokeHasRoomForFailsAndLeavesNoVm() throws Exception {
        String vms = hub.sql("SELECT count(*) FROM vms");
        StoaInstance.Result result = hub.stoa("vm:create", "--email", "alice@example.org", "--size", "f1-xx", "--os", "debian12");

        assertNotEquals(0, result.exit());
        assertTrue(result.output().matches("no spoke took capsul-[a-z0-9]{10}: local: no capacity\\s*"), result.output());
        assertEquals(vms, hub.sql("SELECT count(*) FROM vms"));
        assertEquals("0", hub.sql("SELECT count(*) FROM operations o WHERE NOT EXISTS "
                + "(SELECT 1 FROM host_operation h WHERE h.operation = o.id)"));
        // The offer round is over: no offer stays open for a late claim, no assignment unfinished.
        assertEquals("0", hub.sql("SELECT count(*) FROM host_operation WHERE assignment_status = 'offered' "
                + "OR (assignment_status = 'assigned' AND completed IS NULL)"));
    }

    @Test
    @Order(4)
    void createsGoToExactlyOneOfTwoSpokesAndAKilledSpokeFallsOffline() throws Exception {
        spoke2 = StoaInstance.unpack("vmspoke2", 700, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        // Chosen in etc/, as an operator installing without environment variables would.
        spoke2.set("etc/org.stoa.profile.cfg", "profile", "spoke");
        onTestDriver(spoke2);
        StoaInstance.Result added = hub.stoa("spoke:add", "spoke2", spoke2.http());
        assertEquals(0, added.exit(), added.output());
        String token = added.lines().get(1).strip();
        spoke2.set("etc/org.stoa.spoke.cfg", "host_id", "spoke2");
        spoke2.set("etc/org.stoa.spoke.cfg", "hub_url", hub.http());
        spoke2.set("etc/org.stoa.spoke.cfg", "token", token);
        spoke2.start();
        spoke2.awaitStoa(Duration.ofMinutes(3), r -> r.output().contains("reachable"), "spoke:status");
        assertEquals(0, spoke2.stoa("spoke:template-add", "debian-12.qcow2", template.toString()).exit());
        hub.awaitStoa(Duration.ofMinutes(1), r -> r.output().matches("(?s).*\\nspoke2 .* yes .*"), "spoke:list");
        // The spoke-only node runs no database and has neither its commands nor the hub's.
        assertFalse(Files.exists(spoke2.home().resolve("data/postgres")), "a spoke-only node made a database");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
                .filter(c -> c.contains("postgres") && c.contains(spoke2.home().toString())).isPresent()),
                "a spoke-only node runs PostgreSQL");
        assertNotEquals(0, spoke2.stoa("db:showmigrations").exit());
        assertNotEquals(0, spoke2.stoa("vm:list").exit());

        // Each spoke has room for two f1-xs: four creates fill both, each made exactly once.
        for (int i = 0; i < 4; i++) {
            StoaInstance.Result created = hub.stoa("vm:create", "--email", "alice@example.org", "--size", "f1-xs", "--os", "debian12");
            assertEquals(0, created.exit(), created.output());
        }
        assertEquals("2", hub.sql("SELECT count(*) FROM vms WHERE deleted IS NULL AND host = 'spoke2'"));
        assertEquals("2", hub.sql("SELECT count(*) FROM vms WHERE deleted IS NULL AND host = 'local'"));
        assertEquals("4", hub.sql("SELECT count(*) FROM operations WHERE kind = 'create' AND claimed_by IS NOT NULL "
                + "AND vm_id IN (SELECT id FROM vms WHERE deleted IS NULL)"));
        assertEquals(0, hub.stoa("vm:check").exit());

        String local = hub.sql("SELECT id FROM vms WHERE deleted IS NULL AND host = 'local' ORDER BY id LIMIT 1");
        assertEquals(0, hub.stoa("vm:destroy", local).exit());
        spoke2.kill();
        hub.awaitStoa(Duration.ofSeconds(60), r -> r.output().matches("(?s).*\\nspoke2 .* no .*"), "spoke:list");
        StoaInstance.Result check = hub.stoa("vm:check");
        assertNotEquals(0, check.exit());
        assertTrue(check.output().contains("unreachable spoke: spoke2"), check.output());
        StoaInstance.Result created = hub.stoa("vm:create", "--email", "alice@example.org", "--size", "f1-xs", "--os", "debian12");
        assertEquals(0, created.exit(), created.output());
        assertTrue(created.output().contains("created on spoke local"), created.output());
    }
}
