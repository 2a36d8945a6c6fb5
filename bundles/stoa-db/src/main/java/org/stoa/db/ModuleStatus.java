package org.stoa.db;

import java.util.List;
import java.util.Optional;

/**
 * A module that declares migrations: what its code holds, what the database holds, and
 * whether its schema is usable.
 *
 * @param migrations the code's migrations in order, each marked applied or pending
 * @param unknown    ids the database holds for this module that the code does not know
 * @param problem    why the module's schema was refused or could not be migrated, if so
 */
public record ModuleStatus(String module, List<MigrationStatus> migrations, List<String> unknown,
        Optional<String> problem) {

    public long pending() {
        return migrations.stream().filter(m -> !m.applied()).count();
    }

    /** Id of the newest applied migration, or empty when none is. */
    public Optional<String> version() {
        return migrations.stream().filter(MigrationStatus::applied).reduce((a, b) -> b).map(MigrationStatus::id);
    }
}
