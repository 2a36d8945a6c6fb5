package org.stoa.shell;

import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Tab completion with the ids that exist now (worlds, VMs, accounts, ...), listed by the owning
 * service each time the operator presses tab.
 */
public final class Candidates {

    /** What exists now; may fail (no database), and then completion offers nothing. */
    @FunctionalInterface
    public interface Source {
        Collection<String> list() throws Exception;
    }

    private Candidates() {
    }

    /** What a Karaf {@code Completer.complete} returns, with the candidates from {@code source}. */
    public static int complete(Session session, CommandLine line, List<String> candidates, Source source) {
        StringsCompleter completer = new StringsCompleter(true);
        try {
            completer.getStrings().addAll(source.list());
        } catch (Exception e) {
            // Completion offers nothing rather than an error mid-typing.
        }
        return completer.complete(session, line, candidates);
    }
}
