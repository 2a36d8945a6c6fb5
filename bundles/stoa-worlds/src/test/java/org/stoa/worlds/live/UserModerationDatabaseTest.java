package org.stoa.worlds.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Transactions;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.worlds.ModerationState;
import org.stoa.worlds.internal.JsonForms;

/** Moderation states and blocks as stored, on a real PostgreSQL with the bundle's migrations. */
class UserModerationDatabaseTest {

    private final UserRepository users = new UserRepository();
    private Transactions<IllegalStateException> db;
    private Logins logins;
    private LiveUser ada;
    private LiveUser bob;

    @BeforeEach
    void database() throws Exception {
        DataSource database = TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-worlds", "db"));
        db = new Transactions<>(database, IllegalStateException::new);
        db.inTransaction(c -> {
            c.createStatement().execute("INSERT INTO worlds (id, title, roles, trait_grants) VALUES ('w', 'W', '{}', '{}'), "
                    + "('other', 'O', '{}', '{}')");
            return null;
        });
        logins = new Logins(db, users);
        ada = logins.login(Logins.Login.withToken("w", "ada", List.of(), JsonForms.MAPPER.createObjectNode()));
        bob = logins.login(Logins.Login.withToken("w", "bob", List.of(), JsonForms.MAPPER.createObjectNode()));
    }

    @AfterEach
    void stop() {
        logins.close();
    }

    private ModerationState stateOf(LiveUser user) {
        return db.inTransaction(c -> users.people(c, "w", List.of(user.id()))).get(0).moderation();
    }

    @Test
    void aBanOutlastsASilenceAndReactivationFreesTheUser() {
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.moderate(c, "w", bob.id(), ModerationState.SILENCED)));
        assertEquals(ModerationState.SILENCED, stateOf(bob));
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.moderate(c, "w", bob.id(), ModerationState.BANNED)));
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.moderate(c, "w", bob.id(), ModerationState.SILENCED)));
        assertEquals(ModerationState.BANNED, stateOf(bob));
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.moderate(c, "w", bob.id(), ModerationState.NONE)));
        assertEquals(ModerationState.NONE, stateOf(bob));
        assertEquals(ModerationState.NONE, stateOf(ada));
    }

    @Test
    void noUserOfTheWorldIsNotModeratedOrBlocked() {
        UUID nobody = UUID.randomUUID();
        assertEquals(Boolean.FALSE, db.inTransaction(c -> users.moderate(c, "w", nobody, ModerationState.BANNED)));
        assertEquals(Boolean.FALSE, db.inTransaction(c -> users.moderate(c, "other", bob.id(), ModerationState.SILENCED)));
        assertEquals(Boolean.FALSE, db.inTransaction(c -> users.block(c, "w", ada.id(), nobody)));
        assertEquals(Boolean.FALSE, db.inTransaction(c -> users.block(c, "other", ada.id(), bob.id())));
        assertEquals(ModerationState.NONE, stateOf(bob));
    }

    @Test
    void blocksAreListedOnceAndLifted() {
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.block(c, "w", ada.id(), bob.id())));
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.block(c, "w", ada.id(), bob.id())));
        List<LiveUser> blocked = db.inTransaction(c -> users.blocked(c, ada.id()));
        assertEquals(List.of(bob.id()), blocked.stream().map(LiveUser::id).toList());
        assertTrue(db.inTransaction(c -> users.blocked(c, bob.id())).isEmpty());
        assertEquals(Boolean.TRUE, db.inTransaction(c -> users.unblock(c, "w", ada.id(), bob.id())));
        assertTrue(db.inTransaction(c -> users.blocked(c, ada.id())).isEmpty());
    }
}
