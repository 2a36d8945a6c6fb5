package org.stoa.db;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The migration state of every installed module, and the way to bring it up to date. */
@ProviderType
public interface Migrations {

    /** Every module that declares migrations, sorted by name, read fresh from the database. */
    List<ModuleStatus> status() throws DatabaseUnavailableException;

    /**
     * Applies the pending migrations of every module, each migration in its own transaction,
     * under the database-wide migration lock. A module that is refused or fails does not stop
     * the others.
     */
    List<MigrationResult> migrate() throws DatabaseUnavailableException;
}
