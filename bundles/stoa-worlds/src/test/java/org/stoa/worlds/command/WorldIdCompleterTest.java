package org.stoa.worlds.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.parsing.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.ModuleSchema;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.worlds.internal.WorldServiceImpl;

/** Tab completion of world ids from the world service on a real PostgreSQL. */
class WorldIdCompleterTest {

    private final WorldIdCompleter completer = new WorldIdCompleter();

    @BeforeEach
    void worlds() throws Exception {
        DataSource database = TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-worlds", "db"));
        completer.worlds = new WorldServiceImpl(new ModuleSchema() {
            @Override public String module() { return "stoa-worlds"; }
            @Override public String version() { return "test"; }
            @Override public DataSource dataSource() { return database; }
        });
        completer.worlds.create("myevent2020", "My Event 2020", "myevent.example.org");
        completer.worlds.create("myevent2021", "My Event 2021", "myevent2021.example.org");
        completer.worlds.create("other", "Other", "other.example.org");
    }

    /** What a tab after {@code typed} offers. */
    private List<String> candidates(String typed) {
        CommandLine line = new DefaultParser().parse(null, typed, typed.length());
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates;
    }

    @Test
    void theWorldsWhoseIdStartsWithWhatIsTypedAreOffered() {
        assertEquals(List.of("myevent2020 ", "myevent2021 "), candidates("token:generate myev"));
        assertEquals(List.of("other "), candidates("world:clone o"));
    }

    @Test
    void nothingTypedOffersEveryWorldAndAnUnknownPrefixNone() {
        assertEquals(List.of("myevent2020 ", "myevent2021 ", "other "), candidates("world:export-config "));
        assertEquals(List.of(), candidates("token:generate zzz"));
    }
}
