package org.stoa.tokens.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.tokens.LoginLink;

/** Short login links on a real PostgreSQL with the bundle's own migration. */
class LoginLinkRepositoryTest {

    private LoginLinkRepository links;

    @BeforeEach
    void database() throws Exception {
        links = new LoginLinkRepository(TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-tokens", "db")));
    }

    @Test
    void aLinkHasA24CharacterCodeAndLeadsToItsToken() {
        LoginLink link = links.create("myworld", "event.example.org", "a.b.c", Instant.now().plus(Duration.ofDays(1)));

        assertTrue(link.code().matches("[A-Za-z0-9]{24}"), link.code());
        assertEquals("https://event.example.org/login/" + link.code(), link.shortUrl());
        assertEquals("https://event.example.org/#token=a.b.c", links.find(link.code()).orElseThrow().tokenUrl());
    }

    @Test
    void aFoundLinkKeepsItsWorldDomainAndExpiryToTheMicrosecond() {
        Instant expires = Instant.parse("2099-01-02T03:04:05.123456789Z");
        LoginLink link = links.create("myworld", "event.example.org", "a.b.c", expires);

        assertEquals(new LoginLink(link.code(), "myworld", "event.example.org", "a.b.c",
                Instant.parse("2099-01-02T03:04:05.123457Z")), links.find(link.code()).orElseThrow());
    }

    @Test
    void eachLinkGetsItsOwnCode() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        assertNotEquals(links.create("w", "d.example.org", "t", tomorrow).code(),
                links.create("w", "d.example.org", "t", tomorrow).code());
    }

    @Test
    void anExpiredOrUnknownCodeLeadsNowhere() {
        LoginLink expired = links.create("myworld", "event.example.org", "a.b.c", Instant.now().minusSeconds(1));

        assertTrue(links.find(expired.code()).isEmpty());
        assertTrue(links.find("AAAAAAAAAAAAAAAAAAAAAAAA").isEmpty());
    }
}
