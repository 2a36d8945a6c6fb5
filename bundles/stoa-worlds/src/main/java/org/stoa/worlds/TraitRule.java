package org.stoa.worlds;

import java.util.Collection;
import java.util.List;

/**
 * Which users a role is granted to: every clause must hold, and a clause holds when the
 * user has at least one of its traits. In JSON a clause is a string (one trait) or a
 * list of strings (any of them). An empty rule has no clauses.
 */
public record TraitRule(List<List<String>> clauses) {

    public TraitRule {
        clauses = clauses.stream().map(List::copyOf).toList();
    }

    public static TraitRule of(List<List<String>> clauses) {
        return new TraitRule(clauses);
    }

    /** A rule of single-trait clauses: the user needs all of these traits. */
    public static TraitRule allOf(String... traits) {
        return new TraitRule(java.util.Arrays.stream(traits).map(List::of).toList());
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * Whether a user with these traits satisfies the rule. An empty rule matches only
     * when {@code emptyMatches} is true (the user is a person, not a kiosk or guest).
     */
    public boolean matches(Collection<String> traits, boolean emptyMatches) {
        if (clauses.isEmpty()) {
            return emptyMatches;
        }
        return clauses.stream().allMatch(clause -> clause.stream().anyMatch(traits::contains));
    }
}
