package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stoa.itests.e2e.WsClient.assertError;
import static org.stoa.itests.e2e.WsClient.assertSuccess;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/**
 * Two nodes: a change of what a user may do — a role granted to them, or a trait grant of the
 * world's config — holds at once for their sockets open on the other node, not at their next login.
 */
class GrantsTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String MANAGE = "world:users.manage";

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("grants-pg"));
        database.createDatabaseIfMissing("stoa_grants");
        first = StoaInstance.unpack("grants1", 8600, node());
        second = StoaInstance.unpack("grants2", 8700, node());
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        first.importSampleWorld("granted", "granted.example.org");
    }

    private static Map<String, String> node() {
        Map<String, String> node = new HashMap<>(ExternalPostgres.environment(database, "stoa_grants"));
        node.put("STOA_SPOKE_ENABLED", "false");
        node.put("STOA_ENVIRONMENT", "grants");
        return node;
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(second, first, database);
    }

    @Test
    void aRoleGrantedAndTakenByTheDatabaseHoldsAtOnceOnAnOpenSocketOfTheOtherNode() throws Exception {
        try (WsClient target = WsClient.open(first.http(), "granted");
                WsClient user = WsClient.open(second.http(), "granted")) {
            String targetId = target.authenticate(first.rawToken("granted", "attendee")).at("/user.config/id").asText();
            String userId = user.authenticate(first.rawToken("granted", "attendee")).at("/user.config/id").asText();
            assertError("protocol.denied", user.call("user.silence", Map.of("id", targetId)));

            first.stoa("db:sql", "-c", "INSERT INTO world_grants (world_id, user_id, role) VALUES ('granted', '"
                    + userId + "', 'admin')");

            awaitPermissions(user, true);
            assertSuccess(user.call("user.silence", Map.of("id", targetId)));
            assertSuccess(user.call("user.reactivate", Map.of("id", targetId)));

            first.stoa("db:sql", "-c", "DELETE FROM world_grants WHERE user_id = '" + userId + "'");

            awaitPermissions(user, false);
            assertError("protocol.denied", user.call("user.silence", Map.of("id", targetId)));
        }
    }

    @Test
    void aTraitGrantChangedInTheWorldsConfigHoldsAtOnceOnAnOpenSocketOfTheOtherNode() throws Exception {
        try (WsClient target = WsClient.open(first.http(), "granted");
                WsClient user = WsClient.open(second.http(), "granted")) {
            String targetId = target.authenticate(first.rawToken("granted", "attendee")).at("/user.config/id").asText();
            user.authenticate(first.rawToken("granted", "speaker"));
            assertError("protocol.denied", user.call("user.silence", Map.of("id", targetId)));

            // As in venueless, an inner list is "any of": admin or speaker.
            first.stoa("db:sql", "-c", "UPDATE worlds SET trait_grants = jsonb_set(trait_grants, '{admin}', "
                    + "'[[\"admin\", \"speaker\"]]') WHERE id = 'granted'");
            try {
                awaitPermissions(user, true);
                assertSuccess(user.call("user.silence", Map.of("id", targetId)));
                assertSuccess(user.call("user.reactivate", Map.of("id", targetId)));
            } finally {
                first.stoa("db:sql", "-c", "UPDATE worlds SET trait_grants = jsonb_set(trait_grants, '{admin}', "
                        + "'[\"admin\"]') WHERE id = 'granted'");
            }
            awaitPermissions(user, false);
            assertError("protocol.denied", user.call("user.silence", Map.of("id", targetId)));
        }
    }

    /** The world.updated that shows the socket with (or without) the right to manage users. */
    private static void awaitPermissions(WsClient socket, boolean manage) throws InterruptedException {
        JsonNode updated = socket.await(f -> f.get(0).asText().equals("world.updated")
                && contains(f.get(1).path("permissions"), MANAGE) == manage, SOON);
        assertEquals(manage, contains(updated.get(1).path("permissions"), MANAGE), updated.toString());
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
