package org.stoa.worlds.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Transactions;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.worlds.internal.JsonForms;

/** Logins written together, on a real PostgreSQL with the bundle's migrations. */
class LoginsDatabaseTest {

    private DataSource database;
    private Logins logins;

    @BeforeEach
    void database() throws Exception {
        database = TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-worlds", "db"));
        sql("INSERT INTO worlds (id, title, roles, trait_grants) VALUES ('w', 'W', '{}', '{}')");
        logins = new Logins(new Transactions<>(database, IllegalStateException::new), new UserRepository());
    }

    @AfterEach
    void stop() {
        logins.close();
    }

    @Test
    void aCrowdOfFirstLoginsCreatesOneUserEach() throws Exception {
        ExecutorService sockets = Executors.newFixedThreadPool(64);
        try {
            List<Future<LiveUser>> results = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String uid = "u" + (i % 1000); // each uid three times, at once
                results.add(sockets.submit(() -> logins.login(Logins.Login.withToken("w", uid, List.of("t"), profile()))));
            }
            assertEquals(1000, distinctUsers(results, i -> "u" + (i % 1000)));
            assertEquals("1000", sql("SELECT count(*) FROM users WHERE last_login IS NOT NULL"));
        } finally {
            sockets.shutdownNow();
        }
    }

    @Test
    void aLaterLoginKeepsTheUserAndTakesTheNewestTraits() throws Exception {
        LiveUser first = logins.login(Logins.Login.withToken("w", "alice", List.of("attendee"), profile()));
        sql("INSERT INTO world_grants (world_id, user_id, role) VALUES ('w', '" + first.id() + "', 'moderator')");

        LiveUser again = logins.login(Logins.Login.withToken("w", "alice", List.of("speaker"), profile()));

        assertEquals(first.id(), again.id());
        assertEquals(Set.of("speaker"), again.traits());
        assertEquals(Set.of("moderator"), again.worldRoles());
        assertEquals("Alice", again.profile().path("display_name").asText());
        assertEquals("[\"speaker\"]", sql("SELECT traits FROM users WHERE token_id = 'alice'"));
    }

    @Test
    void sameUidTwiceInOneStatementIsOneUserWithTheLastTraits() throws Exception {
        Map<String, LiveUser> users = new Transactions<>(database, IllegalStateException::new).inTransaction(
                c -> new UserRepository().login(c, List.of(
                        Logins.Login.withToken("w", "bob", List.of("a"), profile()),
                        Logins.Login.withToken("w", "carol", List.of(), profile()),
                        Logins.Login.withToken("w", "bob", List.of("b"), profile()))));

        assertEquals(Set.of("bob", "carol"), users.keySet());
        assertEquals(Set.of("b"), users.get("bob").traits());
        assertEquals("2", sql("SELECT count(*) FROM users"));
    }

    @Test
    void guestsAreKeyedByTheirClientId() {
        LiveUser guest = logins.login(Logins.Login.asGuest("w", "browser-1"));
        LiveUser again = logins.login(Logins.Login.asGuest("w", "browser-1"));
        LiveUser other = logins.login(Logins.Login.asGuest("w", "browser-2"));

        assertEquals(guest.id(), again.id());
        assertNotEquals(guest.id(), other.id());
        assertEquals(null, guest.tokenId());
    }

    @Test
    void aLoginTheSchemaRefusesFailsAloneAndStoresNothing() throws Exception {
        ExecutorService sockets = Executors.newFixedThreadPool(32);
        try {
            List<Future<LiveUser>> good = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String uid = "ok" + i;
                good.add(sockets.submit(() -> logins.login(Logins.Login.withToken("w", uid, List.of(), profile()))));
            }
            // longer than token_id's 200 characters: WorldGate refuses it first, this is the last line
            Future<LiveUser> bad = sockets.submit(
                    () -> logins.login(Logins.Login.withToken("w", "x".repeat(201), List.of(), profile())));
            for (Future<LiveUser> f : good) {
                assertTrue(f.get().tokenId().startsWith("ok"));
            }
            Exception e = assertThrows(Exception.class, bad::get);
            assertTrue(e.getCause().getMessage().startsWith("database error: "), e.getCause().getMessage());
            assertEquals("200", sql("SELECT count(*) FROM users"));
        } finally {
            sockets.shutdownNow();
        }
    }

    @Test
    void twoSocketThreadsHandACrowdOfLoginsOverWithoutWaitingForAny() throws Exception {
        // As many logins as a crowd brings, from fewer threads than logins: each thread queues
        // its logins and is free again, and the answers come when the writers have stored them.
        ExecutorService sockets = Executors.newFixedThreadPool(2);
        try {
            List<Future<CompletableFuture<LiveUser>>> queued = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String uid = "crowd" + i;
                queued.add(sockets.submit(() -> logins.loginLater(Logins.Login.withToken("w", uid, List.of("t"), profile()))));
            }
            List<CompletableFuture<LiveUser>> answers = new ArrayList<>();
            for (Future<CompletableFuture<LiveUser>> q : queued) {
                answers.add(q.get());
            }
            assertEquals("free", sockets.submit(() -> "free").get());
            assertEquals(2000, distinctUsers(answers, i -> "crowd" + i));
            assertEquals("2000", sql("SELECT count(*) FROM users WHERE token_id LIKE 'crowd%'"));
        } finally {
            sockets.shutdownNow();
        }
    }

    @Test
    void afterCloseALaterLoginFailsAtOnce() {
        logins.close();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> logins.loginLater(Logins.Login.asGuest("w", "late")).get());
        assertEquals("logins are stopping", e.getCause().getMessage());
    }

    @Test
    void afterCloseALoginIsRefusedAtOnce() {
        logins.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> logins.login(Logins.Login.asGuest("w", "late")));
        assertEquals("logins are stopping", e.getMessage());
    }

    /** How many users the logins' answers are, each checked to be the uid its login gave. */
    private static int distinctUsers(List<? extends Future<LiveUser>> answers, IntFunction<String> uidOf)
            throws Exception {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            LiveUser user = answers.get(i).get();
            assertEquals(uidOf.apply(i), user.tokenId());
            ids.add(user.id());
        }
        return ids.size();
    }

    private static ObjectNode profile() {
        return JsonForms.MAPPER.createObjectNode().put("display_name", "Alice");
    }

    private String sql(String statement) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return null;
            }
            try (ResultSet r = s.getResultSet()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
