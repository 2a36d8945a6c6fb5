package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.hub.VmHosting;

/**
 * A fresh database with the hub's schema and then this bundle's, as the distribution migrates
 * them, with accounts and VMs made by SQL at chosen moments, and a clock the test moves.
 */
final class PaymentsFixture {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static final AtomicInteger VMS = new AtomicInteger();

    final String url;
    final DataSource database;
    final TestClock clock;
    final PaymentsImpl payments;

    PaymentsFixture(Instant now) throws Exception {
        this(migrated(TestPostgres.newDatabase()), now);
    }

    /** On the database at {@code url}, migrated by the caller (an older release's schema, say). */
    PaymentsFixture(String url, Instant now) {
        this.url = url;
        database = TestPostgres.dataSource(url);
        clock = new TestClock(now);
        payments = new PaymentsImpl(database, clock);
    }

    /** The hub's schema and then this bundle's, as the distribution migrates them. */
    static String migrated(String url) throws Exception {
        TestMigrations.migrate(url, "stoa-vm-hub", TestMigrations.resourcesOf(VmHosting.class), "db");
        TestMigrations.migrate(url, "stoa-payments", Path.of("src", "main", "resources").toAbsolutePath(), "db");
        return url;
    }

    void account(String email) throws Exception {
        execute("INSERT INTO accounts (email) VALUES (?)", email);
    }

    /** A VM of {@code email} as the hub records one a spoke made; deleted null: still running. */
    String vm(String email, String size, Instant created, Instant deleted) throws Exception {
        String id = String.format("capsul-%010d", VMS.incrementAndGet());
        execute("INSERT INTO hosts (id, https_url, token) VALUES ('spoke1', 'https://spoke1.example.org', repeat('t', 40)) "
                + "ON CONFLICT DO NOTHING");
        execute("WITH op AS (INSERT INTO operations (email, kind, vm_id, os, size, claimed_by, claimed) "
                + "VALUES (?, 'create', ?, 'debian12', ?, 'spoke1', now()) RETURNING id) "
                + "INSERT INTO host_operation (host, operation, assignment_status, assigned) "
                + "SELECT 'spoke1', id, 'assigned', now() FROM op", email, id, size);
        execute("INSERT INTO vms (id, email, os, size, host, create_operation, created, deleted) VALUES "
                + "(?, ?, 'debian12', ?, 'spoke1', (SELECT id FROM operations WHERE vm_id = ?), ?, ?)",
                id, email, size, id, created.atOffset(ZoneOffset.UTC), deleted == null ? null : deleted.atOffset(ZoneOffset.UTC));
        return id;
    }

    /** Marks the VM deleted at {@code at}, as vm:destroy does. */
    void deleteVm(String id, Instant at) throws Exception {
        execute("UPDATE vms SET deleted = ? WHERE id = ?", at.atOffset(ZoneOffset.UTC), id);
    }

    void execute(String sql, Object... parameters) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        }
    }

    /** {@code statements} in one transaction on one connection, as db:sql runs a script. */
    void transaction(String... statements) throws Exception {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            c.commit();
        }
    }

    /** The first column of the first row, as text. */
    String query(String sql, Object... parameters) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static void assertDollars(String expected, BigDecimal actual) {
        org.junit.jupiter.api.Assertions.assertEquals(0, new BigDecimal(expected).compareTo(actual),
                "expected " + expected + ", got " + actual);
    }
}
