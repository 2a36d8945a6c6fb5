package org.stoa.db.command;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.db.Database;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.internal.sql.ResultFormat;
import org.stoa.db.internal.sql.ScriptOutcome;
import org.stoa.db.internal.sql.ScriptRunner;
import org.stoa.shell.CallerFiles;
import org.stoa.shell.Failure;
import org.stoa.shell.ShellUser;

@Command(scope = "db", name = "sql", description = "Run SQL statements in one transaction and print what they return")
@Service
public class Sql implements Action {

    @Option(name = "-c", aliases = "--command", description = "the SQL to run")
    private String command;

    @Option(name = "-f", aliases = "--file", description = "a file of SQL statements to run; - reads standard input")
    private String file;

    @Option(name = "--header", description = "print the column names first")
    private boolean header;

    @Option(name = "--format", description = "plain (default), csv, table or json")
    private String format = "plain";

    @Option(name = "--dry-run", description = "run everything, then roll back")
    private boolean dryRun;

    /** The largest file of statements -f reads. */
    static final long MAX_SCRIPT_BYTES = 64L << 20;

    @Reference
    private Database database;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        ResultFormat resultFormat = ResultFormat.named(format)
                .orElseThrow(() -> Failure.of("unknown format '" + format + "': use plain, csv, table or json"));
        String script = script();
        ScriptOutcome outcome;
        try (Connection connection = database.connect()) {
            outcome = new ScriptRunner(connection, ShellUser.of(session)).run(script, dryRun);
        } catch (DatabaseUnavailableException e) {
            throw Failure.of(e.getMessage());
        }
        resultFormat.lines(outcome.results(), header).forEach(System.out::println);
        if (outcome.failure().isPresent()) {
            throw Failure.of(String.join(System.lineSeparator(), outcome.failure().get().describe())
                    + System.lineSeparator() + "Rolled back: nothing was changed.");
        }
        if (dryRun) {
            System.out.println("Dry run: rolled back, nothing was changed.");
        }
        return null;
    }

    private String script() throws Exception {
        if ((command == null) == (file == null)) {
            throw Failure.of("give the SQL with exactly one of -c \"SQL\" or -f FILE");
        }
        if (command != null) {
            return command;
        }
        if (file.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path script = CallerFiles.resolve(session, file);
        try {
            // Read whole into memory: a file of gigabytes would fail the server's heap, not just the command.
            if (Files.isRegularFile(script) && Files.size(script) > MAX_SCRIPT_BYTES) {
                throw Failure.of("cannot read " + file + ": " + Files.size(script) + " bytes is more than db:sql -f reads ("
                        + (MAX_SCRIPT_BYTES >> 20) + " MiB); split it into smaller files");
            }
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw Failure.of("cannot read " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw Failure.of("cannot read " + file + ": " + CallerFiles.reason(e));
        }
    }
}
