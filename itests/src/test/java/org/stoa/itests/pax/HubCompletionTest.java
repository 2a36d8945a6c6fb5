package org.stoa.itests.pax;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Tab completion of the hub's ids in the booted distribution's console: account emails and spoke ids. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HubCompletionTest extends BootedDistribution {

    @Before
    public void awaitHub() throws Exception {
        awaitModuleSchema("stoa-vm-hub");
        awaitModuleSchema("stoa-payments");
        shell.awaitCommand("account", "create", Duration.ofMinutes(1));
        shell.awaitCommand("account", "balance", Duration.ofMinutes(1));
        // The hub's commands work once this process holds the hub lock.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (shell.run("spoke:list").failure().isPresent()) {
            if (System.nanoTime() > deadline) {
                fail("this process did not become the VM hub: " + shell.run("spoke:list").describe());
            }
            Thread.sleep(500);
        }
    }

    @Test
    public void aTabOffersTheAccountsForAnEmailAndTheSpokesForASpokeId() {
        shell.succeeds("account:create tab-alice@example.org");
        shell.succeeds("account:create tab-bob@example.org");
        shell.succeeds("spoke:add tabspoke https://tabspoke.example.org");

        assertEquals(List.of("tab-alice@example.org", "tab-bob@example.org"), shell.complete("account:balance tab-"));
        assertEquals(List.of("tab-bob@example.org"), shell.complete("payment:add tab-b"));
        assertEquals(List.of("tab-alice@example.org"), shell.complete("payment:list --email tab-a"));
        assertEquals(List.of("tabspoke"), shell.complete("spoke:remove tabs"));
    }
}
