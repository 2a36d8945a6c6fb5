package org.stoa.itests.pax;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.endsWith;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The db: commands of the booted distribution against its real embedded PostgreSQL. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseCommandsTest extends BootedDistribution {

    @Before
    public void createPayments() {
        shell.succeeds("db:sql -c \"CREATE TABLE itest_payments (id int PRIMARY KEY, created timestamp, email text, "
                + "dollars numeric(10,2), invalidated boolean, note text); "
                + "INSERT INTO itest_payments VALUES (1, '2020-05-05 00:00:00', 'alice@example.org', 20.00, false, NULL)\"");
    }

    @After
    public void dropPayments() {
        shell.succeeds("db:sql -c \"DROP TABLE IF EXISTS itest_payments\"");
    }

    @Test
    public void migrationsRunAtBootAndShowAsApplied() {
        List<String> lines = shell.succeeds("db:showmigrations").lines().toList();

        int module = lines.indexOf("stoa-db");
        assertTrue("stoa-db is listed: " + lines, module >= 0);
        assertEquals(" [X] 01_installation", lines.get(module + 1));
        assertEquals("1\n", shell.succeeds("db:sql -c \"SELECT count(*) FROM stoa_installation\""));
    }

    @Test
    public void sqlSelectPrintsOneLinePerRowWithValuesJoinedByCommas() {
        String printed = shell.succeeds(
                "db:sql -c \"SELECT id, created, email, dollars, invalidated, note FROM itest_payments\"");

        assertEquals("1, 2020-05-05T00:00:00, alice@example.org, 20.00, false, null\n", printed);
    }

    @Test
    public void sqlUpdatePrintsRowsAffectedAndTheNextSelectSeesTheChange() {
        String updated = shell.succeeds("db:sql -c \"UPDATE itest_payments SET invalidated = True WHERE id = 1\"");

        assertEquals("1 rows affected.\n", updated);
        assertEquals("1, true\n", shell.succeeds("db:sql -c \"SELECT id, invalidated FROM itest_payments\""));
    }

    @Test
    public void sqlErrorRollsBackTheWholeScriptAndFails() {
        CommandOutcome outcome = shell.fails("db:sql -c \"INSERT INTO itest_payments (id, email) "
                + "VALUES (2, 'bob@example.org'); SELECT 1/0\"");

        String error = outcome.failure().orElseThrow();
        assertThat(outcome.describe(), error, containsString("division by zero"));
        assertThat(outcome.describe(), error, containsString("at statement 2"));
        assertThat(outcome.describe(), error, endsWith("Rolled back: nothing was changed."));
        assertEquals("the insert before the error was rolled back", "1\n",
                shell.succeeds("db:sql -c \"SELECT count(*) FROM itest_payments\""));
    }

    @Test
    public void pluginDroppedIntoDeployWhileRunningIsMigratedAndItsCommandsWork() throws Exception {
        Path plugin = Path.of(System.getProperty("stoa.example.jar"));
        Path staged = Path.of(System.getProperty("karaf.data"), "tmp", "stoa-example.jar");
        Files.createDirectories(staged.getParent());
        Files.copy(plugin, staged, StandardCopyOption.REPLACE_EXISTING);
        // One rename, so the deployer never sees half a jar.
        Files.move(staged, Path.of(System.getProperty("karaf.base"), "deploy", "stoa-example.jar"),
                StandardCopyOption.ATOMIC_MOVE);

        awaitModuleSchema("stoa-example");
        List<String> lines = shell.succeeds("db:showmigrations").lines().toList();
        int module = lines.indexOf("stoa-example");
        assertTrue("stoa-example is listed: " + lines, module >= 0);
        assertEquals(List.of(" [X] 1-notes", " [X] 2-note-created"), lines.subList(module + 1, module + 3));

        shell.awaitCommand("example", "note-add", STARTUP);
        shell.awaitCommand("example", "note-list", STARTUP);
        shell.succeeds("example:note-add hi");
        assertThat(shell.succeeds("example:note-list").lines().toList(), hasItem(endsWith(" hi")));
    }
}
