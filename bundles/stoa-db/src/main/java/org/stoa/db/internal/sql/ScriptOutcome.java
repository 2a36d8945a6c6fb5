package org.stoa.db.internal.sql;

import java.util.List;
import java.util.Optional;

/**
 * What running a script did.
 *
 * @param results   what each statement returned, in order; on failure, those that ran
 *                  before it (their effects were rolled back)
 * @param failure   why the script was rolled back, if a statement or the commit failed
 * @param committed whether the changes are now in the database (never on a dry run)
 */
public record ScriptOutcome(List<StatementResult> results, Optional<ScriptFailure> failure, boolean committed) {

    public ScriptOutcome {
        results = List.copyOf(results);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
