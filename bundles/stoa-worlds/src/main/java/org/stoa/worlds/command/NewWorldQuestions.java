package org.stoa.worlds.command;

import java.io.PrintStream;

import org.apache.karaf.shell.support.CommandException;
import org.stoa.worlds.WorldService;
import org.stoa.shell.Failure;

/**
 * The id, title and domain of a new world: taken from options when given (a bad one fails),
 * otherwise asked, re-asking until the answer is usable, so an existing world is never
 * overwritten.
 */
final class NewWorldQuestions {

    record Answers(String id, String title, String domain) {
    }

    private final WorldService worlds;
    private final Prompt prompt;
    private final PrintStream out;

    NewWorldQuestions(WorldService worlds, Prompt prompt, PrintStream out) {
        this.worlds = worlds;
        this.prompt = prompt;
        this.out = out;
    }

    Answers ask(String id, String title, String domain) throws CommandException {
        String newId = id != null ? given(id, this::idProblem)
                : askUntil("Enter the internal ID for the new world (alphanumeric): ", this::idProblem);
        String newTitle = title != null ? given(title, NewWorldQuestions::titleProblem)
                : askUntil("Enter the title for the new world: ", NewWorldQuestions::titleProblem);
        String newDomain = domain != null ? given(domain, this::domainProblem)
                : askUntil("Enter the domain of the new world (e.g. myevent.example.org): ", this::domainProblem);
        return new Answers(newId, newTitle, newDomain);
    }

    private interface Check {
        String problem(String answer);
    }

    private String askUntil(String question, Check check) throws CommandException {
        while (true) {
            String answer = prompt.ask(question);
            String problem = check.problem(answer);
            if (problem == null) {
                return answer;
            }
            out.println(problem);
        }
    }

    private static String given(String answer, Check check) throws CommandException {
        String problem = check.problem(answer);
        if (problem != null) {
            throw Failure.of(problem);
        }
        return answer;
    }

    private String idProblem(String id) {
        if (!WorldService.isValidId(id)) {
            return "Invalid ID \"" + id + "\": use lower-case letters and digits only, at most 50.";
        }
        return worlds.find(id).isPresent() ? "World " + id + " already exists." : null;
    }

    private static String titleProblem(String title) {
        if (title.isBlank()) {
            return "The title must not be empty.";
        }
        return title.length() > 300 ? "The title may have at most 300 characters." : null;
    }

    private String domainProblem(String domain) {
        if (!WorldService.DOMAIN.matcher(domain).matches()) {
            return "Invalid domain \"" + domain + "\": use lower-case letters, digits, '-', '.' and ':'.";
        }
        return worlds.domainInUse(domain) ? "Another world already uses this domain." : null;
    }
}
