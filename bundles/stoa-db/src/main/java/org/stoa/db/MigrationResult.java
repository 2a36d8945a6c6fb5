package org.stoa.db;

import java.util.List;
import java.util.Optional;

/** What one {@code migrate} run did for one module. */
public record MigrationResult(String module, List<String> applied, Optional<String> problem) {
}
