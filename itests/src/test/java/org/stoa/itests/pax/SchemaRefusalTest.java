package org.stoa.itests.pax;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * capsul's schema rules on the real database: a history the code cannot account for is refused,
 * never migrated over. Each test tampers with Liquibase's history table and puts it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchemaRefusalTest extends BootedDistribution {

    private static final String INSTALLATION = "WHERE id = '01_installation' AND filename = 'stoa-db/db/01_up_installation.sql'";

    @Test
    public void databaseNewerThanTheCodeIsRefused() {
        shell.succeeds("db:sql -c \"INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) "
                + "VALUES ('99_future', 'stoa', 'stoa-db/db/99_up_future.sql', now(), 99, 'EXECUTED')\"");
        try {
            CommandOutcome migrate = shell.fails("db:migrate");
            assertThat(migrate.describe(), migrate.output(), containsString("schema downgrades are not supported"));
            assertThat(shell.succeeds("db:showmigrations").lines().toList(),
                    hasItem(" WARNING: 99_future is applied in the database but unknown to this version"));
        } finally {
            shell.succeeds("db:sql -c \"DELETE FROM databasechangelog WHERE id = '99_future'\"");
        }
        assertEquals("No migrations to apply.\n", shell.succeeds("db:migrate"));
    }

    @Test
    public void migrationEditedAfterItWasAppliedIsRefusedNamingTheFile() {
        String original = shell.succeeds("db:sql -c \"SELECT md5sum FROM databasechangelog " + INSTALLATION + "\"").strip();
        assertTrue("a Liquibase checksum (version:hash): " + original, original.matches("\\d+:\\p{XDigit}+"));
        String edited = original.substring(0, original.indexOf(':') + 1) + "0".repeat(32);
        shell.succeeds("db:sql -c \"UPDATE databasechangelog SET md5sum = '" + edited + "' " + INSTALLATION + "\"");
        try {
            CommandOutcome migrate = shell.fails("db:migrate");
            assertThat(migrate.describe(), migrate.output(), containsString(
                    "migration file stoa-db/db/01_up_installation.sql (01_installation) was changed after it was applied"));
        } finally {
            shell.succeeds("db:sql -c \"UPDATE databasechangelog SET md5sum = '" + original + "' " + INSTALLATION + "\"");
        }
        assertEquals("No migrations to apply.\n", shell.succeeds("db:migrate"));
    }
}
