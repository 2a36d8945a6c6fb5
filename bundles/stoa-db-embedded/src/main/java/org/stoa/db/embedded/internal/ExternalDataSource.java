package org.stoa.db.embedded.internal;

import java.io.IOException;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's own PostgreSQL named by {@code url}, {@code user} and {@code .password} in
 * {@code etc/org.stoa.db.embedded.cfg} becomes the stoa DataSource; the shipped file takes them
 * from {@code STOA_DB_URL}, {@code STOA_DB_USER} and {@code STOA_DB_PASSWORD}, as containers set
 * them. With no URL, a DataSource left by an earlier run with one is removed.
 *
 * <p>This stays code, not configuration: pax-jdbc would take its factory configuration from a
 * file as well, but a file that exists makes a DataSource whether or not the URL in it is
 * empty, and the choice between this database and the embedded one needs the URL's value.
 */
@Component(immediate = true, configurationPid = EmbeddedDatabase.PID)
public class ExternalDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalDataSource.class);
    /** The configuration's name; kept from when it was made from the environment directly. */
    static final String NAME = "stoa-env";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Activate
    void activate(EmbeddedDatabase.Config config) throws IOException {
        String url = config.url().strip();
        if (url.isEmpty()) {
            DataSourceConfigurations.withdraw(configurationAdmin, NAME);
            return;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            LOG.error("The database URL (url in etc/{}.cfg, STOA_DB_URL) must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:port/db); ignoring it", EmbeddedDatabase.PID);
            return;
        }
        LOG.info("Using the database at {} (url in etc/{}.cfg, STOA_DB_URL)", url.replaceFirst("\\?.*", ""),
                EmbeddedDatabase.PID);
        DataSourceConfigurations.publish(configurationAdmin, NAME, url, config.user().strip(), config._password());
    }
}
