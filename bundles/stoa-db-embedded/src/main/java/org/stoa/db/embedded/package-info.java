/**
 * A private PostgreSQL for Stoa: {@link org.stoa.db.embedded.PostgresServer} unpacks the bundled
 * binaries, initialises a data directory on first use and runs the server on 127.0.0.1 only.
 * Plain Java, no OSGi types, so the launcher can be used and tested outside the container.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stoa.db.embedded;
