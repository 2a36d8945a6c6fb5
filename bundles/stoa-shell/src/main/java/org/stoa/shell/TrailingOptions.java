package org.stoa.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;

/**
 * Options written after a command's arguments, as operators of the Python tools write them
 * ({@code generate_token myworld --trait a b --days 2}). Karaf stops reading options at the
 * first argument, so commands collect the rest of the line and read the options from it here.
 * Shared by every bundle's commands.
 */
public final class TrailingOptions {

    private final Map<String, List<String>> values = new HashMap<>();

    private TrailingOptions() {
    }

    /** For a command that takes no arguments: its options are all where Karaf reads them. */
    public static TrailingOptions none() {
        return new TrailingOptions();
    }

    /**
     * Reads {@code tail}: {@code flags} take no value, {@code single} take one, and the
     * {@code greedy} option (may be null) takes every following word up to the next option.
     */
    public static TrailingOptions read(List<String> tail, Set<String> flags, Set<String> single, String greedy)
            throws CommandException {
        TrailingOptions options = new TrailingOptions();
        String collecting = null;
        int collectedBefore = 0;
        for (int i = 0; tail != null && i < tail.size(); i++) {
            String word = tail.get(i);
            if (word.startsWith("-") && collecting != null) {
                requireCollected(options, collecting, collectedBefore);
                collecting = null;
            }
            if (word.startsWith("--") && word.equals(greedy)) {
                collecting = greedy;
                collectedBefore = options.values.computeIfAbsent(greedy, k -> new ArrayList<>()).size();
            } else if (flags.contains(word)) {
                options.values.computeIfAbsent(word, k -> new ArrayList<>());
            } else if (single.contains(word)) {
                if (i + 1 >= tail.size()) {
                    throw Failure.of("missing value for option " + word);
                }
                options.values.computeIfAbsent(word, k -> new ArrayList<>()).add(tail.get(++i));
            } else if (word.startsWith("-")) {
                throw Failure.of("unknown option " + word);
            } else if (collecting != null) {
                options.values.get(collecting).add(word);
            } else {
                throw Failure.of("unexpected argument: " + word);
            }
        }
        if (collecting != null) {
            requireCollected(options, collecting, collectedBefore);
        }
        return options;
    }

    private static void requireCollected(TrailingOptions options, String option, int before) throws CommandException {
        if (options.values.get(option).size() == before) {
            throw Failure.of("missing value for option " + option);
        }
    }

    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option's last value, or {@code given} (what Karaf parsed before the arguments) when absent. */
    public String value(String option, String given) {
        List<String> all = values.get(option);
        return all == null || all.isEmpty() ? given : all.get(all.size() - 1);
    }

    /** Every value of the option: those Karaf parsed before the arguments, then these. */
    public List<String> all(String option, List<String> given) {
        List<String> all = new ArrayList<>(given == null ? List.of() : given);
        all.addAll(values.getOrDefault(option, List.of()));
        return all;
    }
}
