package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/**
 * The distribution pointed at an operator's own PostgreSQL through STOA_DB_URL/USER/PASSWORD:
 * the embedded server stays off, the password stays secret, and an outage is survived.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalDatabaseTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static PostgresSettings externalSettings;
    private static PostgresServer external;
    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        externalSettings = ExternalPostgres.fresh("external-pg");
        external = PostgresServer.start(externalSettings);
        external.createDatabaseIfMissing("stoa_ext");
        stoa = StoaInstance.unpack("external", 400, ExternalPostgres.environment(external, "stoa_ext"));
        stoa.start();
        stoa.awaitCoreSchema(BOOT);
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(stoa, external);
    }

    @Test
    @Order(1)
    void theConfiguredDatabaseIsMigratedAndTheEmbeddedOneStaysOff() throws Exception {
        StoaInstance.Result version = stoa.stoa("db:version");

        assertTrue(version.output().contains("127.0.0.1:" + external.port() + "/stoa_ext"), version.output());
        assertFalse(Files.exists(stoa.home().resolve("data/postgres")), "no embedded data directory");
    }

    @Test
    @Order(2)
    void thePasswordAppearsInNoServicePropertyAndNoLog() throws Exception {
        StoaInstance.Result services = stoa.stoa("service:list", "javax.sql.DataSource");

        assertTrue(services.output().contains("dataSourceName = stoa"), services.output());
        assertFalse(services.output().contains(external.password()), services.output());
        assertFalse(stoa.log().contains(external.password()), "karaf.log holds the password");
    }

    @Test
    @Order(3)
    void commandsSayTheDatabaseIsUnavailableWhileItIsDownAndRecover() throws Exception {
        external.close();

        StoaInstance.Result down = stoa.stoa("db:showmigrations");

        assertNotEquals(0, down.exit());
        assertTrue(down.output().startsWith("database unavailable"), down.output());
        assertEquals(1, down.lines().size(), down.output());

        bringTheDatabaseBack();
    }

    @Test
    @Order(4)
    void aDatabaseDownAtStartIsWaitedForWithoutACrashLoop() throws Exception {
        stoa.stop();
        external.close();
        stoa.start();
        StoaInstance.Result down = stoa.awaitAnswer(BOOT, r -> r.output().contains("database unavailable"),
                "db:showmigrations");
        assertNotEquals(0, down.exit());
        awaitLog("retrying its migrations");

        bringTheDatabaseBack();
    }

    @Test
    @Order(5)
    void anOperatorsDataSourceFileWorksLikeTheEnvironment() throws Exception {
        stoa.stop();
        Files.writeString(stoa.home().resolve("etc/org.ops4j.datasource-stoa.cfg"), String.join("\n",
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "dataSourceName = stoa",
                "url = " + external.jdbcUrl("stoa_ext"),
                "user = " + external.user(),
                ".password = " + external.password(),
                "pool = hikari",
                "xa = false",
                ""));
        stoa = stoa.withEnvironment(Map.of());
        stoa.start();

        StoaInstance.Result version = stoa.awaitStoa(BOOT, r -> r.output().contains("0 pending"), "db:version");

        assertTrue(version.output().contains("127.0.0.1:" + external.port() + "/stoa_ext"), version.output());
        assertFalse(Files.exists(stoa.home().resolve("data/postgres")), "no embedded data directory");
        assertFalse(stoa.stoa("service:list", "javax.sql.DataSource").output().contains(external.password()));
    }

    /** Restarts the external PostgreSQL and waits until Stoa, still running, has its schema again. */
    private static void bringTheDatabaseBack() throws Exception {
        external = PostgresServer.start(externalSettings);
        stoa.awaitCoreSchema(Duration.ofMinutes(2));
    }

    private static void awaitLog(String text) throws Exception {
        for (int i = 0; i < 60; i++) {
            if (stoa.log().contains(text)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("karaf.log never said: " + text);
    }
}
