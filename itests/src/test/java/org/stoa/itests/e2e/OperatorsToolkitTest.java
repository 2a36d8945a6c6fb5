package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workflows capsul's and venueless's docs teach, typed as they teach them on the assembled
 * distribution: a chargeback by SQL that the database audits, and venueless's two-word
 * connections commands at the interactive console; and what a load balancer asks, /health.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorsToolkitTest {

    private static final String ALICE = "alice@example.org";

    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("toolkit", 7000, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(4), r -> true, "account:list");
        assertEquals(0, stoa.stoa("account:create", ALICE).exit());
        assertEquals(0, stoa.stoa("payment:add", ALICE, "20", "--note", "bank transfer").exit());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    @Order(1)
    void capsulsChargebackBySqlWorksAsDocumentedAndIsAuditedWithTheShellUser() throws Exception {
        StoaInstance.Result select = stoa.stoa("db:sql", "-c", "SELECT id, created, email, dollars, invalidated from payments");
        assertEquals(0, select.exit(), select.output());
        assertEquals(1, select.lines().size(), select.output());
        assertTrue(select.lines().get(0).matches("1, \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\S*, alice@example.org, 20\\.00, false"),
                select.output());

        StoaInstance.Result update = stoa.stoa("db:sql", "-c", "UPDATE payments SET invalidated = True WHERE id = 1");
        assertEquals(0, update.exit(), update.output());
        assertEquals(List.of("1 rows affected."), update.lines());

        assertTrue(stoa.stoa("account:balance", ALICE).output().contains("Balance: $0.00"), stoa.stoa("account:balance", ALICE).output());
        List<String> trail = stoa.stoa("payment:history", "1").lines();
        assertEquals(3, trail.size(), trail.toString());
        assertTrue(trail.get(2).matches("\\S+ +invalidated +stoa +manual SQL"), trail.get(2));
    }

    @Test
    @Order(2)
    void aReasonSetInTheSameCommandIsTheAuditedWhy() throws Exception {
        StoaInstance.Result restore = stoa.stoa("db:sql", "-c",
                "SET stoa.reason = 'the bank reversed the chargeback'; UPDATE payments SET invalidated = false WHERE id = 1");
        assertEquals(0, restore.exit(), restore.output());

        List<String> trail = stoa.stoa("payment:history", "1").lines();
        assertTrue(trail.get(3).matches("\\S+ +restored +stoa +the bank reversed the chargeback"), trail.toString());
        assertTrue(stoa.stoa("account:balance", ALICE).output().contains("Balance: $20.00"));
        // The reason lasted for that command only.
        stoa.sql("UPDATE payments SET invalidated = true WHERE id = 1");
        assertTrue(stoa.stoa("payment:history", "1").lines().get(4).matches("\\S+ +invalidated +stoa +manual SQL"));
    }

    @Test
    @Order(3)
    void dbSqlRunsAsTheApplicationsRoleWhichCannotReachTheServer() throws Exception {
        assertEquals("stoa_app, false, stoa_app", stoa.sql("SELECT current_user, rolsuper, "
                + "(SELECT tableowner FROM pg_tables WHERE tablename = 'payments') FROM pg_roles WHERE rolname = current_user"));

        for (String superuserOnly : List.of("COPY (SELECT 1) TO PROGRAM 'id'", "SELECT pg_read_file('postgresql.conf')",
                "CREATE ROLE intruder SUPERUSER")) {
            StoaInstance.Result refused = stoa.stoa("db:sql", "-c", superuserOnly);
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("permission denied") && refused.output().contains("Rolled back"),
                    refused.output());
        }
    }

    @Test
    @Order(4)
    void deletingAPaymentByHandIsStillRefusedAndChangesNothing() throws Exception {
        StoaInstance.Result delete = stoa.stoa("db:sql", "-c", "DELETE FROM payments WHERE id = 1");

        assertNotEquals(0, delete.exit(), delete.output());
        assertTrue(delete.output().contains("payments are never deleted"), delete.output());
        assertEquals("1", stoa.sql("SELECT count(*) FROM payments"));
        assertEquals("4", stoa.sql("SELECT count(*) FROM payment_audit"));
    }

    @Test
    @Order(5)
    void venuelessConnectionsCommandsWorkAtTheConsole() throws Exception {
        StoaInstance.Result list = stoa.console("connections list\n");
        assertTrue(list.output().contains("est. number of connections"), list.output());
        assertTrue(!list.output().contains("too many arguments"), list.output());

        StoaInstance.Result drop = stoa.console("connections drop --interval 0 nothing.*\n");
        assertTrue(drop.output().contains("Dropped 0 connections on 1 nodes"), drop.output());
        StoaInstance.Result reload = stoa.console("connections force_reload nothing.*\n");
        assertTrue(reload.output().contains("Reloaded 0 connections on 1 nodes"), reload.output());
        StoaInstance.Result wrong = stoa.console("connections frobnicate\n");
        assertTrue(wrong.output().contains("unknown subcommand 'frobnicate': use list, drop or force_reload"), wrong.output());
    }

    @Test
    @Order(6)
    void healthAnswers200WhenEverySchemaIsCurrentAnd503WithTheReasonOtherwise() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(stoa.http() + "/health")).build();

        HttpResponse<String> up = http.send(health, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, up.statusCode(), up.body());
        JsonNode body = WsClient.JSON.readTree(up.body());
        assertEquals("up", body.get("status").asText());
        assertEquals("up", body.get("database").asText());
        assertEquals("03_manual_changes_are_audited", body.get("schemas").get("stoa-payments").asText());
        assertTrue(body.get("hub").asBoolean(), up.body());

        // A schema that is not current: the server's record of one migration is gone.
        stoa.sql("DELETE FROM databasechangelog WHERE id = '02_server_state' AND filename LIKE 'stoa-db/%'");
        HttpResponse<String> down = http.send(health, HttpResponse.BodyHandlers.ofString());
        assertEquals(503, down.statusCode(), down.body());
        JsonNode reason = WsClient.JSON.readTree(down.body());
        assertEquals("down", reason.get("status").asText());
        assertEquals("stoa-db: 1 migrations pending", reason.get("reason").asText());

        assertEquals(0, stoa.stoa("db:migrate").exit());
        assertEquals(200, http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
