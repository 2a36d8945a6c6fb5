package org.stoa.itests.pax;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The world: and token: commands in the booted distribution's console, on its real PostgreSQL. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorldCommandsTest extends BootedDistribution {

    @Before
    public void awaitWorlds() throws Exception {
        awaitModuleSchema("stoa-worlds");
        awaitModuleSchema("stoa-tokens");
        shell.awaitCommand("world", "create", Duration.ofMinutes(1));
        shell.awaitCommand("token", "generate", Duration.ofMinutes(1));
    }

    @Test
    public void createAsksItsQuestionsAtTheConsoleAndReasksABadId() {
        String out = shell.run("world:create", "Bad Id\nconsole1\nConsole World\nconsole.example.org\n").output();

        assertThat(out, containsString("Invalid ID \"Bad Id\""));
        assertThat(out, containsString("World created."));
        assertThat(out, containsString("https://console.example.org/#token="));
        assertThat(shell.succeeds("world:list"), containsString("console1            Console World"));
    }

    @Test
    public void theSampleConfigImportsAndItsTokensCarryEveryTrait() {
        String file = System.getProperty("stoa.sample.world");
        assertEquals("World sample created: 8 rooms created, 0 rooms updated, 2 exhibitors.",
                shell.succeeds("world:import-config " + file + " --domain sample.example.org").strip());

        String link = shell.succeeds("token:generate sample --trait moderator --trait speaker --raw").strip();
        assertThat(link, startsWith("https://sample.example.org/#token="));
        String payload = new String(java.util.Base64.getUrlDecoder().decode(link.substring(link.indexOf("token=") + 6).split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload, containsString("\"traits\":[\"moderator\",\"speaker\"]"));
        assertThat(payload, containsString("\"iss\":\"https://pretix.eu/\""));
    }

    @Test
    public void aTabAfterACommandThatTakesAWorldOffersTheWorldsThereAre() {
        shell.succeeds("world:create --id tabworld1 --title Tab1 --domain tab1.example.org");
        shell.succeeds("world:create --id tabworld2 --title Tab2 --domain tab2.example.org");

        assertEquals(List.of("tabworld1", "tabworld2"), shell.complete("token:generate tabw"));
        assertEquals(List.of("tabworld2"), shell.complete("world:clone tabworld2"));
        assertEquals(List.of("tabworld1", "tabworld2"), shell.complete("token:generate_token tabw"));
    }

    @Test
    public void anUnknownWorldIsAOneLineFailure() {
        CommandOutcome outcome = shell.fails("world:export-config nosuchworld");
        assertEquals("unknown world: nosuchworld", outcome.failure().orElseThrow());
    }
}
