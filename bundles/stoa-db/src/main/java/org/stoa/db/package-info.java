/**
 * The Stoa database: the shared {@code stoa} DataSource, per-module schemas kept current by
 * the migration extender, and the migration state the {@code db:*} commands show.
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package org.stoa.db;
