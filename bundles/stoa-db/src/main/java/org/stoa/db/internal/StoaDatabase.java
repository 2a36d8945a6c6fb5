package org.stoa.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.stoa.db.Database;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.shell.ShellVariable;

/**
 * The core's view of the stoa database. Always registered, so commands can answer
 * "database unavailable" instead of vanishing while the DataSource is missing or the server
 * is down.
 */
@Component(service = {Database.class, StoaDatabase.class}, property = {
        ShellVariable.NAME + "=db", ShellVariable.EXAMPLE + "=$db location"})
public class StoaDatabase implements Database {

    private volatile DataSource pool;
    private volatile String url = "";

    private final StoaDataSource dataSource = new StoaDataSource(() -> pool);
    private volatile Runnable onPublished;

    @Reference(target = "(dataSourceName=stoa)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindPool(DataSource ds, Map<String, Object> properties) {
        this.url = String.valueOf(properties.getOrDefault("url", ""));
        this.pool = ds;
        Runnable listener = onPublished;
        if (listener != null) {
            listener.run();
        }
    }

    /** Whether a DataSource is published at all (it may still fail to connect). */
    boolean published() {
        return pool != null;
    }

    /** Runs {@code listener} each time a DataSource is published, after it is in place; null removes it. */
    void whenPublished(Runnable listener) {
        this.onPublished = listener;
    }

    void unbindPool(DataSource ds) {
        if (this.pool == ds) {
            this.pool = null;
        }
    }

    @Override
    public Connection connect() throws DatabaseUnavailableException {
        if (pool == null) {
            throw new DatabaseUnavailableException("database unavailable: no database is configured or started yet");
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database unavailable: " + firstLine(e.getMessage()));
        }
    }

    @Override
    public String location() {
        if (pool == null) {
            return "(none)";
        }
        // The URL is shown to operators: drop any query, it may carry credentials.
        String u = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        int query = u.indexOf('?');
        return query < 0 ? u : u.substring(0, query);
    }

    /** The DataSource modules get: stable across reconfiguration of the pool behind it. */
    DataSource dataSource() {
        return dataSource;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
