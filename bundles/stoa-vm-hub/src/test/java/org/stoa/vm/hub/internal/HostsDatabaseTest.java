package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;

/** Spokes, their tokens and their heartbeats. */
class HostsDatabaseTest {

    private HubFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new HubFixture();
    }

    @Test
    void aSpokeNeverHeardFromIsOffline() throws Exception {
        Host host = fixture.hub.registerHost("spoke1", "https://spoke1.example.org", HubFixture.tokenOf("spoke1"));

        assertFalse(host.online());
        assertNull(host.lastHealthCheck());
        assertTrue(fixture.hub.onlineHosts().isEmpty());
    }

    @Test
    void aHeartbeatMarksTheSpokeOnline() throws Exception {
        fixture.hub.registerHost("spoke1", "https://spoke1.example.org", HubFixture.tokenOf("spoke1"));

        Host host = fixture.hub.heartbeat("spoke1");

        assertTrue(host.online());
        assertEquals(List.of("spoke1"), fixture.hub.onlineHosts().stream().map(Host::id).toList());
    }

    @Test
    void aHeartbeatOlderThanTheWindowMeansOffline() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");
        heartbeatAgo("spoke2", "10 minutes");

        assertEquals(List.of("spoke1"), fixture.hub.onlineHosts().stream().map(Host::id).toList());
        assertEquals(List.of(true, false), fixture.hub.hosts().stream().map(Host::online).toList());
    }

    @Test
    void aHeartbeatFromAnUnknownSpokeIsRefused() {
        HubException e = assertThrows(HubException.class, () -> fixture.hub.heartbeat("nobody"));
        assertEquals("no host nobody", e.getMessage());
    }

    @Test
    void onlyTheSpokesOwnTokenAuthenticatesIt() throws Exception {
        fixture.onlineSpoke("spoke1");
        fixture.onlineSpoke("spoke2");

        assertTrue(fixture.hub.authenticate("spoke1", HubFixture.tokenOf("spoke1")));
        assertFalse(fixture.hub.authenticate("spoke1", HubFixture.tokenOf("spoke2")));
        assertFalse(fixture.hub.authenticate("spoke1", null));
        assertFalse(fixture.hub.authenticate("nobody", HubFixture.tokenOf("spoke1")));
        assertEquals(HubFixture.tokenOf("spoke2"), fixture.hub.spokeToken("spoke2"));
    }

    @Test
    void aSpokeNeedsAnHttpUrlAndALongToken() throws Exception {
        HubException url = assertThrows(HubException.class,
                () -> fixture.hub.registerHost("spoke1", "ftp://spoke1.example.org", HubFixture.tokenOf("spoke1")));
        assertEquals("host spoke1 needs an https:// URL (http:// only on this machine) (got: ftp://spoke1.example.org)",
                url.getMessage());
        HubException token = assertThrows(HubException.class,
                () -> fixture.hub.registerHost("spoke1", "https://spoke1.example.org", "short"));
        assertEquals("the token of host spoke1 must be at least 32 characters", token.getMessage());
        assertTrue(fixture.hub.hosts().isEmpty());
    }

    @Test
    void aRemoteSpokeOverPlainHttpIsRefused() throws Exception {
        for (String url : List.of("http://spoke1.example.org", "http://10.0.0.5:8181", "http://127.0.0.1.example.org",
                "http://localhost.example.org/", "http://[::2]:8181")) {
            HubException refused = assertThrows(HubException.class,
                    () -> fixture.hub.registerHost("spoke1", url, HubFixture.tokenOf("spoke1")));
            assertEquals("host spoke1 needs an https:// URL (http:// only on this machine) (got: " + url + ")",
                    refused.getMessage());
        }
        assertTrue(fixture.hub.hosts().isEmpty());
    }

    @Test
    void aSpokeOnThisMachineMayUsePlainHttp() throws Exception {
        List<String> urls = List.of("http://127.0.0.1:8181", "http://localhost:8182/", "http://[::1]:8183", "http://LocalHost");
        for (int i = 0; i < urls.size(); i++) {
            fixture.hub.registerHost("spoke" + i, urls.get(i), HubFixture.tokenOf("spoke" + i));
        }

        assertEquals(urls.size(), fixture.hub.hosts().size());
    }

    @Test
    void aSpokeIsRegisteredOnce() throws Exception {
        fixture.onlineSpoke("spoke1");

        HubException e = assertThrows(HubException.class,
                () -> fixture.hub.registerHost("spoke1", "https://other.example.org", HubFixture.tokenOf("spoke1")));
        assertEquals("host spoke1 or the URL https://other.example.org is already registered", e.getMessage());
    }

    private void heartbeatAgo(String host, String interval) throws Exception {
        try (Connection c = TestPostgres.connect(fixture.url);
             PreparedStatement update = c.prepareStatement(
                     "UPDATE hosts SET last_health_check = now() - ?::interval WHERE id = ?")) {
            update.setString(1, interval);
            update.setString(2, host);
            update.executeUpdate();
        }
    }
}
