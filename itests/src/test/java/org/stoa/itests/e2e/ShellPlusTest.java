package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * venueless's {@code shell_plus} on the assembled distribution: Stoa's services bound as
 * console variables, through bin/stoa with -c, a script file, standard input and a terminal.
 */
class ShellPlusTest {

    private static final String TITLE = "Unsere tolle Online-Konferenz";

    /** Every variable of a full node, as the help lists it: name, type, example. */
    private static final List<List<String>> VARIABLES = List.of(
            List.of("$connections", "org.stoa.connections.internal.NodeCounts", "$connections counts"),
            List.of("$db", "org.stoa.db.Database", "$db location"),
            List.of("$hub", "org.stoa.vm.hub.VmHosting", "$hub spokes"),
            List.of("$payments", "org.stoa.payments.Payments", "$payments balances"),
            List.of("$spoke", "org.stoa.vm.spoke.Hypervisor", "$spoke describe"),
            List.of("$tokens", "org.stoa.tokens.AccessTokens", "$tokens verify TOKEN (($worlds get WORLD) secrets)"),
            List.of("$worlds", "org.stoa.worlds.WorldService", "$worlds list"));

    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("shellplus", 10500, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(4), r -> true, "world:list");
        // The variables come with their services, the commands with theirs: wait for both.
        stoa.awaitStoa(Duration.ofMinutes(1), r -> VARIABLES.stream().allMatch(v -> r.output().contains(v.get(2))), "shell_plus");
        stoa.importSampleWorld("sample", "sample.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    void theHelpListsEveryVariableWithItsTypeAndAnExample() throws Exception {
        StoaInstance.Result help = stoa.stoa("shell_plus");

        assertEquals(0, help.exit(), help.output());
        for (List<String> variable : VARIABLES) {
            assertTrue(help.lines().stream().anyMatch(line -> List.of(line.split("  +")).equals(variable)),
                    variable + " in " + help.output());
        }
        assertTrue(help.lines().stream().noneMatch(line -> line.startsWith("Not on this node")), help.output());
    }

    @Test
    void everyExampleInTheHelpWorksOnARealWorldAndToken() throws Exception {
        String token = stoa.rawToken("sample", "moderator");
        for (List<String> variable : VARIABLES) {
            String call = variable.get(2).replace("WORLD", "sample").replace("TOKEN", token);
            StoaInstance.Result result = stoa.stoa("shell_plus", "-c", call);
            assertEquals(0, result.exit(), call + ": " + result.output());
        }
        assertTrue(stoa.stoa("shell_plus", "-c", "$db location").output().startsWith("postgresql://127.0.0.1:"));
        assertTrue(stoa.stoa("shell_plus", "-c", "$tokens verify " + token + " (($worlds get sample) secrets)")
                .output().contains("traits=[moderator]"));
    }

    @Test
    void aMethodCallOnWorldsPrintsTheWorld() throws Exception {
        StoaInstance.Result found = stoa.stoa("shell_plus", "-c", "$worlds find sample");
        assertEquals(0, found.exit(), found.output());
        assertTrue(found.output().contains("World[id=sample, title=" + TITLE + ", domain=sample.example.org"), found.output());

        assertEquals(List.of(TITLE), stoa.stoa("shell_plus", "-c", "($worlds get sample) title").lines());
    }

    @Test
    void aScriptFileRunsWithTheVariablesBoundStatementByStatement(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("report.gogo"), """
                w = ($worlds get sample)

                if { %(1 == 1) } {
                  echo checking ($w id)
                }
                $w domain
                """);

        StoaInstance.Result report = stoa.stoaIn(folder, "shell_plus", "report.gogo");

        assertEquals(0, report.exit(), report.output());
        assertEquals("checking sample", report.lines().get(1), report.output());
        assertEquals("sample.example.org", report.lines().get(2), report.output());
    }

    @Test
    void statementsOnStandardInputRunToo() throws Exception {
        StoaInstance.Result piped = stoa.stoaWithInput("($worlds get sample) title\n$worlds domainInUse sample.example.org\n", "shell_plus");

        assertEquals(0, piped.exit(), piped.output());
        assertEquals(List.of(TITLE, "true"), piped.lines());
    }

    @Test
    void aBadCallIsOneLineAndANonZeroExit() throws Exception {
        stoa.assertRefused("unknown world: nosuch", "shell_plus", "-c", "$worlds get nosuch");
        stoa.assertRefused("Cannot coerce frobnicate() to any of []", "shell_plus", "-c", "$worlds frobnicate");

        StoaInstance.Result stopped = stoa.stoaWithInput("$db location\n$worlds get nosuch\necho never\n", "shell_plus");
        assertNotEquals(0, stopped.exit(), stopped.output());
        assertEquals("line 2: unknown world: nosuch", stopped.lines().get(1), stopped.output());
        assertTrue(!stopped.output().contains("never"), stopped.output());

        stoa.assertRefused("cannot read missing.gogo: no such file or directory", "shell_plus", "missing.gogo");
    }

    @Test
    void aServiceNotOnThisNodeIsLeftOutWithANoteAndAPluginAddsItsOwn() throws Exception {
        assertEquals(0, stoa.stoa("bundle:stop", "stoa-vm-spoke").exit());
        try {
            StoaInstance.Result help = stoa.stoa("shell_plus");
            assertEquals(0, help.exit(), help.output());
            assertTrue(help.lines().contains("Not on this node: $spoke (stoa-vm-spoke)."), help.output());
            assertTrue(help.lines().stream().noneMatch(line -> line.startsWith("$spoke ")), help.output());
        } finally {
            assertEquals(0, stoa.stoa("bundle:start", "stoa-vm-spoke").exit());
        }

        assertEquals(0, stoa.stoa("feature:install", "stoa-example").exit());
        StoaInstance.Result withPlugin = stoa.awaitStoa(Duration.ofMinutes(1), r -> r.output().contains("$notes"), "shell_plus");
        assertTrue(withPlugin.lines().stream().anyMatch(line -> List.of(line.split("  +"))
                .equals(List.of("$notes", "org.stoa.example.NoteBook", "$notes list"))), withPlugin.output());
        StoaInstance.Result added = stoa.stoa("shell_plus", "-c", "$notes add 'from the shell'");
        assertTrue(added.output().contains("text=from the shell"), added.output());
    }

    @Test
    void atATerminalItIsTheConsoleWithTheVariablesBound() throws Exception {
        StoaInstance.Result console = stoa.stoaAtTerminal("($worlds get sample) title\r", "shell_plus");

        assertEquals(0, console.exit(), console.output());
        assertTrue(console.output().contains("Stoa's services are bound as session variables"), console.output());
        assertTrue(console.output().contains("stoa@root()>"), console.output());
        assertTrue(console.output().contains(TITLE + "\r\n"), console.output());
    }
}
