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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The token a spoke shares with its hub is a secret: it lives in etc/org.stoa.spoke.token.cfg,
 * readable by the installer alone, and never shows among the services' properties. Installs
 * that kept it in the shipped (world-readable) org.stoa.spoke.cfg keep their token.
 */
class SpokeTokenTest {

    private static final String OLD_TOKEN = "OldInstallToken0123456789abcdefghijklmnopqrstuvw";

    @Test
    void aFreshInstallMakesItsTokenInAFileOnlyTheInstallerCanRead() throws Exception {
        StoaInstance fresh = StoaInstance.unpack("spoketoken-fresh", 8000, Map.of());
        // bin/setenv is what bin/start and bin/karaf run first; it makes the token.
        assertEquals(0, fresh.command("bin/setenv").exit());
        String made = tokenIn(fresh);

        assertTrue(made.matches("[A-Za-z0-9]{48}"), made);
        assertPrivate(fresh.home().resolve("etc/org.stoa.spoke.token.cfg"));
        assertFalse(Files.readString(fresh.home().resolve("etc/org.stoa.spoke.cfg")).contains(made));
        assertEquals(0, fresh.command("bin/setenv").exit());
        assertEquals(made, tokenIn(fresh), "a second start keeps the token");
    }

    @Test
    void anInstallWithItsTokenInTheSharedCfgKeepsItAndNoServiceShowsIt() throws Exception {
        StoaInstance old = StoaInstance.unpack("spoketoken-old", 8020,
                Map.of("STOA_LIBVIRT_URI", "test:///default"));
        Path cfg = old.home().resolve("etc/org.stoa.spoke.cfg");
        // What an older Stoa's first start (or an operator following spoke:add) left there.
        Files.writeString(cfg, Files.readString(cfg)
                + "\n# Made at first start: the token this spoke and its hub share.\ntoken = " + OLD_TOKEN + "\n");
        try (old) {
            old.start();
            old.awaitCoreSchema(Duration.ofMinutes(5));

            assertEquals(OLD_TOKEN, tokenIn(old));
            assertPrivate(old.home().resolve("etc/org.stoa.spoke.token.cfg"));
            assertFalse(Files.readString(cfg).contains(OLD_TOKEN), Files.readString(cfg));
            // The hub registered this process's spoke with the token, and reaches it.
            old.awaitStoa(Duration.ofMinutes(2), r -> r.output().matches("(?s).*\\nlocal .* yes .*"), "spoke:list");
            assertEquals(200, spokeVms(old, "Bearer " + OLD_TOKEN).statusCode());
            assertEquals(401, spokeVms(old, "Bearer not-" + OLD_TOKEN).statusCode());
            StoaInstance.Result services = old.stoa("service:list");
            assertEquals(0, services.exit(), services.output());
            assertTrue(services.output().contains("org.stoa.spoke"), "service:list shows the spoke's services");
            assertFalse(services.output().contains(OLD_TOKEN), "service:list shows the spoke token");
        }
    }

    private static String tokenIn(StoaInstance stoa) throws Exception {
        List<String> tokens = Files.readAllLines(stoa.home().resolve("etc/org.stoa.spoke.token.cfg")).stream()
                .filter(l -> l.startsWith(".token")).map(l -> l.substring(l.indexOf('=') + 1).strip()).toList();
        assertEquals(1, tokens.size(), tokens.toString());
        return tokens.get(0);
    }

    private static void assertPrivate(Path file) throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static HttpResponse<String> spokeVms(StoaInstance stoa, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stoa.http() + "/spoke/vms"))
                .header("Authorization", authorization).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
