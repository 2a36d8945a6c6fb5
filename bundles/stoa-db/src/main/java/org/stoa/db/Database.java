package org.stoa.db;

import java.sql.Connection;

import org.osgi.annotation.versioning.ProviderType;

/** The stoa database as the core sees it, whether or not it is reachable right now. */
@ProviderType
public interface Database {

    /** A pooled connection; the caller closes it. */
    Connection connect() throws DatabaseUnavailableException;

    /** Where the database is, without credentials (e.g. {@code 127.0.0.1:5433/stoa}). */
    String location();
}
