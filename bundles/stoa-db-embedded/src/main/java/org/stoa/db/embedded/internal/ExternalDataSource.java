package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers configure the database by environment: {@code STOA_DB_URL} (a JDBC URL),
 * {@code STOA_DB_USER} and {@code STOA_DB_PASSWORD} become the stoa DataSource. Without them
 * a configuration left by an earlier run with them is removed.
 */
@Component(immediate = true)
public class EnvironmentDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentDataSource.class);
    static final String NAME = "stoa-env";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Activate
    void activate() throws IOException {
        apply(System.getenv());
    }

    void apply(Map<String, String> env) throws IOException {
        String url = env.getOrDefault("STOA_DB_URL", "").strip();
        if (url.isEmpty()) {
            DataSourceConfigurations.withdraw(configurationAdmin, NAME);
            return;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            LOG.error("STOA_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db); ignoring it");
            return;
        }
        LOG.info("Using the database at {} from STOA_DB_URL", url.replaceFirst("\\?.*", ""));
        DataSourceConfigurations.publish(configurationAdmin, NAME, url, env.getOrDefault("STOA_DB_USER", "stoa"),
                env.getOrDefault("STOA_DB_PASSWORD", ""));
    }
}
