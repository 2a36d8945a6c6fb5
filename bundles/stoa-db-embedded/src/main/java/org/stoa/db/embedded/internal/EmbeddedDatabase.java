package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/**
 * Runs the private PostgreSQL in {@code data/postgres} unless the operator configured a
 * database, and publishes it as the stoa DataSource. It starts in the background so a slow
 * first initdb does not hold up the rest of the boot, is restarted when it dies (see
 * {@link ServerWatch}), and stops with Karaf.
 */
@Component(immediate = true, configurationPid = EmbeddedDatabase.PID)
@Designate(ocd = EmbeddedDatabase.Config.class)
public class EmbeddedDatabase {

    static final String PID = "org.stoa.db.embedded";

    @ObjectClassDefinition(name = "Stoa database",
            description = "The operator's own PostgreSQL, or else the private one in data/postgres")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL of the operator's own PostgreSQL (jdbc:postgresql://host:port/db); "
                + "set, the embedded one stays off (the shipped cfg reads STOA_DB_URL)")
        String url() default "";

        @AttributeDefinition(description = "User on that database (the shipped cfg reads STOA_DB_USER)")
        String user() default "stoa";

        @AttributeDefinition(description = "That user's password (the shipped cfg reads STOA_DB_PASSWORD)",
                type = AttributeType.PASSWORD)
        String _password() default "";

        @AttributeDefinition(description = "TCP port on 127.0.0.1; 0 picks a free one at every start")
        int port() default 0;

        @AttributeDefinition(description = "OS account the server runs as when Stoa runs as root")
        String osUser() default "nobody";
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String NAME = "stoa-embedded";
    static final String DATABASE = "stoa";
    /** The role Stoa's pool logs in as; the superuser (data/postgres.password) is for the launcher alone. */
    static final String APPLICATION_ROLE = "stoa_app";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private ExecutorService starter;
    private volatile ServerWatch watch;

    @Activate
    void activate(Config config, BundleContext context) throws IOException {
        Path etc = Path.of(context.getProperty("karaf.etc"));
        if (DataSourceConfigurations.externalConfigured(etc, config.url())) {
            LOG.info("An external database is configured; the embedded PostgreSQL stays off");
            DataSourceConfigurations.withdraw(configurationAdmin, NAME);
            return;
        }
        PostgresSettings defaults = PostgresSettings.of(Path.of(context.getProperty("karaf.data"), "postgres"))
                .withPort(config.port())
                .withOsUser(config.osUser());
        // The distribution ships the binaries unpacked in postgresql/; without them (or with another
        // version there) they are unpacked into data/postgres-binaries.
        Path installed = Path.of(context.getProperty("karaf.home"), "postgresql");
        PostgresSettings settings = PostgresBinaries.holdsBundledVersion(installed)
                ? defaults.withBinariesDir(installed) : defaults;
        starter = Executors.newSingleThreadExecutor(r -> new Thread(r, "stoa-embedded-postgres"));
        starter.execute(() -> start(settings));
    }

    private void start(PostgresSettings settings) {
        try {
            LOG.info("Starting the embedded PostgreSQL in {}", settings.dataDir());
            PostgresServer started = PostgresServer.start(settings);
            watch = new ServerWatch(started, 1000);
            PostgresServer.Login application = started.provideApplicationDatabase(DATABASE, APPLICATION_ROLE);
            DataSourceConfigurations.publish(configurationAdmin, NAME, started.jdbcUrl(DATABASE), application.user(),
                    application.password());
            LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{}", started.port());
        } catch (IOException | RuntimeException e) {
            LOG.error("The embedded PostgreSQL did not start: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (starter == null) {
            return;
        }
        starter.shutdown();
        starter.awaitTermination(2, TimeUnit.MINUTES);
        // The pool goes first, so nothing holds connections to a server that is stopping.
        DataSourceConfigurations.withdraw(configurationAdmin, NAME);
        ServerWatch running = watch;
        if (running != null) {
            running.close();
            LOG.info("Embedded PostgreSQL stopped");
        }
    }
}
