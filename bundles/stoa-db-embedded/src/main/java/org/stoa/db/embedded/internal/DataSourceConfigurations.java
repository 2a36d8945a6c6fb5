package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The pax-jdbc-config configurations behind the {@code stoa} DataSource. Whoever decides where
 * the database is (an operator's {@code etc/org.ops4j.datasource-stoa.cfg}, the
 * {@code url} in {@code etc/org.stoa.db.embedded.cfg} ({@code STOA_DB_*}), or the embedded server) publishes one through here, so the
 * pool is set up the same way every time.
 */
final class DataSourceConfigurations {

    static final String FACTORY_PID = "org.ops4j.datasource";
    static final String DATA_SOURCE_NAME = "stoa";
    /** The operator's own file; when present, nobody else publishes a stoa DataSource. */
    static final String OPERATOR_FILE = FACTORY_PID + "-" + DATA_SOURCE_NAME + ".cfg";

    private DataSourceConfigurations() {
    }

    /**
     * Whether the operator configured a database: pax-jdbc's own file in {@code etcDir}, or a
     * {@code url} in org.stoa.db.embedded (STOA_DB_URL).
     */
    static boolean externalConfigured(Path etcDir, String url) {
        return Files.exists(etcDir.resolve(OPERATOR_FILE)) || !url.isBlank();
    }

    /** Creates or updates the named configuration; an unchanged one is left alone so the pool is not rebuilt. */
    static void publish(ConfigurationAdmin admin, String name, String url, String user, String password)
            throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
        properties.put("dataSourceName", DATA_SOURCE_NAME);
        properties.put("url", url);
        properties.put("user", user);
        // A leading dot keeps the password out of the DataSource's service properties.
        properties.put(".password", password);
        properties.put("pool", "hikari");
        properties.put("xa", "false");
        properties.put("hikari.poolName", DATA_SOURCE_NAME);
        properties.put("hikari.maximumPoolSize", "10");
        properties.put("hikari.minimumIdle", "1");
        properties.put("hikari.connectionTimeout", "5000");
        // Build the pool even while the database is down; stoa-db retries and reports.
        properties.put("hikari.initializationFailTimeout", "-1");
        Configuration configuration = admin.getFactoryConfiguration(FACTORY_PID, name, "?");
        configuration.updateIfDifferent(properties);
    }

    /** Removes the named configuration, and with it the DataSource it produced. */
    static void withdraw(ConfigurationAdmin admin, String name) throws IOException {
        Configuration[] existing;
        try {
            existing = admin.listConfigurations("(service.pid=" + FACTORY_PID + "~" + name + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        if (existing != null) {
            for (Configuration c : existing) {
                c.delete();
            }
        }
    }
}
