package org.stoa.itests.pax;

import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.parsing.DefaultParser;

/**
 * The Karaf console, driven from inside the container as an operator would type at it: each
 * command runs in a fresh session whose output is captured.
 */
final class KarafShell {

    private final SessionFactory sessions;

    KarafShell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    CommandOutcome run(String command) {
        return run(command, "");
    }

    /** Runs a command with {@code typed} as what the operator types at its prompts. */
    CommandOutcome run(String command, String typed) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out);
        Optional<String> failure = Optional.empty();
        try {
            session.execute(command);
        } catch (Exception e) {
            failure = Optional.of(String.valueOf(e.getMessage()));
        } finally {
            session.close();
        }
        out.flush();
        // A session without a terminal may still end lines the terminal way.
        String output = printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        return new CommandOutcome(command, output, failure);
    }

    /** Runs a command that must succeed and returns what it printed. */
    String succeeds(String command) {
        CommandOutcome outcome = run(command);
        if (outcome.failure().isPresent()) {
            fail("expected success:" + System.lineSeparator() + outcome.describe());
        }
        return outcome.output();
    }

    /** Runs a command that must fail and returns what it printed and the error it failed with. */
    CommandOutcome fails(String command) {
        CommandOutcome outcome = run(command);
        if (outcome.failure().isEmpty()) {
            fail("expected failure:" + System.lineSeparator() + outcome.describe());
        }
        return outcome;
    }

    /** What a tab at the end of {@code typed} offers, as the console's completion asks the command's completers. */
    List<String> complete(String typed) {
        CommandLine line = new DefaultParser().parse(null, typed, typed.length());
        String[] name = line.getArguments()[0].split(":");
        Command command = sessions.getRegistry().getCommand(name[0], name[1]);
        if (command == null) {
            fail("no command " + line.getArguments()[0]);
        }
        List<String> candidates = new ArrayList<>();
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), System.out, System.err);
        try {
            command.getCompleter(true).complete(session, line, candidates);
        } finally {
            session.close();
        }
        // The console appends the space that ends a word; the candidates themselves are the ids.
        return candidates.stream().map(String::strip).toList();
    }

    /** Commands appear once their bundle has started and their services are there. */
    void awaitCommand(String scope, String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions.getRegistry().getCommand(scope, name) == null) {
            if (System.nanoTime() > deadline) {
                fail("command " + scope + ":" + name + " did not appear within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
