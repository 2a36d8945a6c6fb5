package org.stoa.vm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.console.internal.Logins.Session;
import org.stoa.vm.hub.VmHosting;

/** Login links and sessions on a real PostgreSQL migrated as the distribution migrates it. */
class LoginsDatabaseTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private DataSource database;
    private final TestClock clock = new TestClock();
    private Logins logins;

    @BeforeEach
    void migrate() throws Exception {
        String url = TestPostgres.newDatabase();
        TestMigrations.migrate(url, "stoa-vm-hub", TestMigrations.resourcesOf(VmHosting.class), "db");
        TestMigrations.migrate(url, "stoa-vm-console", Path.of("src", "main", "resources").toAbsolutePath(), "db");
        database = TestPostgres.dataSource(url);
        logins = new Logins(database, clock, Duration.ofDays(30));
        execute("INSERT INTO accounts (email) VALUES ('alice@example.org')");
    }

    @Test
    void aLinkLogsInOnceAndOnlyTheAddressItWasSentTo() throws Exception {
        String token = logins.issue("Alice@Example.org ");
        assertEquals(Optional.of("alice@example.org"), logins.redeem(token));
        assertEquals(Optional.empty(), logins.redeem(token), "a link works once");
        assertEquals(Optional.empty(), logins.redeem(token + "x"));
        assertEquals(Optional.empty(), logins.redeem(""));
    }

    @Test
    void aLinkExpiresAfterTwentyMinutes() throws Exception {
        String fresh = logins.issue("alice@example.org");
        String stale = logins.issue("alice@example.org");
        clock.now = clock.now.plus(Duration.ofMinutes(19));
        assertEquals(Optional.of("alice@example.org"), logins.redeem(fresh));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), logins.redeem(stale));
    }

    @Test
    void aFourthLinkWithinTwentyMinutesIsRefusedAndStoresNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            logins.issue("bob@example.org");
        }
        ConsoleException refused = assertThrows(ConsoleException.class, () -> logins.issue("BOB@example.org"));
        assertTrue(refused.getMessage().startsWith("Too many logins: 3 links were sent to this address in the last 20 minutes"),
                refused.getMessage());
        assertEquals(3, count("SELECT count(*) FROM console_login_tokens WHERE email = 'bob@example.org'"));
        logins.issue("alice@example.org"); // another address is not limited by bob's links
        clock.now = clock.now.plus(Duration.ofMinutes(21));
        logins.issue("bob@example.org");
    }

    @Test
    void notAnAddressIsRefusedWithAClearMessage() {
        ConsoleException refused = assertThrows(ConsoleException.class, () -> logins.issue("alice"));
        assertEquals("Enter an email address such as you@example.org.", refused.getMessage());
    }

    @Test
    void onlyHashesOfLinksAndSessionsAreStored() throws Exception {
        String token = logins.issue("alice@example.org");
        Session session = logins.open("alice@example.org");
        assertEquals(0, count("SELECT count(*) FROM console_login_tokens WHERE token_hash = '" + token + "'"));
        assertEquals(1, count("SELECT count(*) FROM console_login_tokens WHERE token_hash = '" + Secrets.sha256(token) + "'"));
        assertEquals(1, count("SELECT count(*) FROM console_sessions WHERE token_hash = '" + Secrets.sha256(session.token()) + "'"));
    }

    @Test
    void aSessionLastsItsLengthSurvivesANewServiceAndEndsAtLogout() throws Exception {
        Session session = logins.open("alice@example.org");
        assertNotEquals(session.token(), session.csrf());
        Logins otherHub = new Logins(database, clock, Duration.ofDays(30));
        assertEquals(Optional.of(session), otherHub.session(session.token()), "a second hub knows the session");
        clock.now = clock.now.plus(Duration.ofDays(30)).minusSeconds(1);
        assertEquals("alice@example.org", logins.session(session.token()).orElseThrow().email());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), logins.session(session.token()), "expired");

        Session second = logins.open("alice@example.org");
        logins.close(second.token());
        assertEquals(Optional.empty(), logins.session(second.token()), "logged out");
        assertEquals(Optional.empty(), logins.session("made-up"));
    }

    @Test
    void forgettingExpiredRowsKeepsLiveOnes() throws Exception {
        Session old = logins.open("alice@example.org");
        logins.issue("alice@example.org");
        clock.now = clock.now.plus(Duration.ofDays(31));
        Session live = logins.open("alice@example.org");
        String link = logins.issue("alice@example.org");
        assertEquals(2, logins.forgetExpired());
        assertEquals(Optional.empty(), logins.session(old.token()));
        assertTrue(logins.session(live.token()).isPresent());
        assertEquals(Optional.of("alice@example.org"), logins.redeem(link));
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
