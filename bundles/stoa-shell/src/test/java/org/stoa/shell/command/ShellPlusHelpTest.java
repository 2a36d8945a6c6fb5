package org.stoa.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What stoa:shell-plus shows: each bound variable with its type and example, and what this node lacks. */
class ShellPlusHelpTest {

    @Test
    void everyBoundVariableIsListedWithItsTypeAndExample() {
        List<String> help = help(List.of(
                new SessionVariables.Bound("db", "org.stoa.db.Database", "$db location"),
                new SessionVariables.Bound("worlds", "org.stoa.worlds.WorldService", "$worlds list")));

        assertEquals("VARIABLE  TYPE                          EXAMPLE", help.get(1));
        assertEquals("$db       org.stoa.db.Database          $db location", help.get(2));
        assertEquals("$worlds   org.stoa.worlds.WorldService  $worlds list", help.get(3));
    }

    @Test
    void stoasOwnVariablesThatAreAbsentAreNamedWithTheirModuleNotAnError() {
        List<String> help = help(List.of(new SessionVariables.Bound("worlds", "org.stoa.worlds.WorldService", "$worlds list")));

        assertTrue(help.contains("Not on this node: $tokens (stoa-tokens), $connections (stoa-connections),"
                + " $hub (stoa-vm-hub, only on the node holding the hub role), $spoke (stoa-vm-spoke),"
                + " $payments (stoa-payments), $db (stoa-db)."), help.toString());
    }

    @Test
    void aPluginsVariableIsListedAndNothingIsMissingWhenAllOfStoasArePresent() {
        List<SessionVariables.Bound> all = new java.util.ArrayList<>(SessionVariables.CORE.keySet().stream()
                .map(name -> new SessionVariables.Bound(name, "T", "$" + name)).toList());
        all.add(new SessionVariables.Bound("notes", "org.stoa.example.NoteBook", "$notes list"));

        List<String> help = help(all);

        assertTrue(help.contains("$notes        org.stoa.example.NoteBook  $notes list"), help.toString());
        assertTrue(help.stream().noneMatch(line -> line.startsWith("Not on this node")), help.toString());
    }

    private static List<String> help(List<SessionVariables.Bound> bound) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShellPlus.help(bound, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
