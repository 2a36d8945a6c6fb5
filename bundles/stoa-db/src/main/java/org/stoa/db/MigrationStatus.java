package org.stoa.db;

import java.time.OffsetDateTime;

/** One migration of a module as the code knows it, and whether the database has it. */
public record MigrationStatus(String id, String file, boolean applied, OffsetDateTime appliedAt) {
}
