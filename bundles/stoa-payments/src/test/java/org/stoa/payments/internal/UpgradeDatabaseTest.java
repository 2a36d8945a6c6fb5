package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.payments.internal.PaymentsFixture.assertDollars;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Jdbc;
import org.stoa.db.internal.migration.MigrationDeclaration;
import org.stoa.db.internal.migration.MigrationException;
import org.stoa.db.internal.migration.ModuleFiles;
import org.stoa.db.internal.migration.SchemaMigrator;
import org.stoa.db.testing.FolderFiles;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.Statement;
import org.stoa.payments.VmUsage;
import org.stoa.vm.hub.VmHosting;

/**
 * A database made by release 0.1 (the migration files it shipped, with payments' price history on
 * the hub's vm_sizes) upgrades in place: the hub takes the price history over, payments drops its
 * copy, no row is lost and every balance stays what it was.
 */
class UpgradeDatabaseTest {

    /** The migration files release 0.1 shipped, by module; read where they still are, as released files never change. */
    private static final Map<String, List<String>> RELEASE_0_1 = Map.of(
            "stoa-vm-hub", List.of("01_down_capsul.sql", "01_up_capsul.sql", "02_up_hosts_removed.sql"),
            "stoa-payments", List.of("01_up_payments.sql"));
    private static final Duration MONTH = Duration.ofSeconds(2_630_016);
    private static final Duration DAY = Duration.ofDays(1);

    private String url;
    private PaymentsFixture fixture;
    private DataSource database;
    /** When f1-xs went from 5.33 to 10.00, and from 10.00 to 8.00; when size t-30 was added. */
    private Instant firstChange;
    private Instant secondChange;
    private Instant t30Added;
    private Instant now;

    @BeforeEach
    void releasedDatabase() throws Exception {
        url = TestPostgres.newDatabase();
        migrate("stoa-vm-hub", released("stoa-vm-hub", hubFiles()));
        migrate("stoa-payments", released("stoa-payments", paymentsFiles()));
        fixture = new PaymentsFixture(url, Instant.EPOCH);
        database = fixture.database;
        fillAsRelease01();
    }

    @Test
    void everyRowIsKeptAndThePriceHistoryMovesToTheHub() throws Exception {
        Map<String, List<String>> before = everyTable();
        assertEquals(6 + 3, before.get("vm_size_prices").size(), "six seeded prices, two changes, one new size");

        upgrade();

        Map<String, List<String>> after = everyTable();
        List<String> history = after.remove("vm_size_price_history");
        assertEquals(before.remove("vm_size_prices"), history);
        assertEquals(before, after);
        assertEquals("0", query("SELECT count(*) FROM pg_class WHERE relname = 'vm_size_prices'"));
        assertEquals("0", query("SELECT count(*) FROM pg_proc WHERE proname = 'vm_size_price_is_recorded'"));
        assertEquals(List.of("vm_size_price_history_follows_inserts", "vm_size_price_history_follows_updates"),
                column("SELECT tgname FROM pg_trigger WHERE tgrelid = 'vm_sizes'::regclass AND NOT tgisinternal ORDER BY 1"));
    }

    @Test
    void everyBalanceAndUsageIsWhatRelease01ComputedFromItsOwnTables() throws Exception {
        Map<String, List<VmUsage>> released = usageFromRelease01Tables();

        upgrade();

        PaymentsImpl payments = fixture.payments;
        for (String email : List.of("alice@example.org", "bob@example.org", "carol@example.org")) {
            assertEquals(released.getOrDefault(email, List.of()), payments.statement(email).usage(), email);
        }
        Statement alice = payments.statement("alice@example.org");
        // A month of f1-xs at 5.33 before the first change, a month at 8.00 after the second; 20.00 paid (5.00 invalidated).
        assertDollars("13.33", alice.used());
        assertDollars("6.67", alice.balance());
        Statement bob = payments.statement("bob@example.org");
        // A month of f1-m at 12.50, ten days of t-30 at 1.00 a day; 30.00 paid.
        assertDollars("22.50", bob.used());
        assertDollars("7.50", bob.balance());
        List<AccountBalance> balances = payments.balances();
        assertEquals(List.of("carol@example.org", "alice@example.org", "bob@example.org"),
                balances.stream().map(AccountBalance::email).toList());
        assertEquals(payments.statement("carol@example.org").balance(), balances.get(0).balance());
        assertTrue(balances.get(0).balance().signum() < 0, "carol's VM spans both changes and nothing is paid");
        assertEquals(List.of(1, 1, 0), balances.stream().map(AccountBalance::liveVms).toList());
        try (Connection c = database.getConnection()) {
            assertEquals(List.of("alice@example.org", "bob@example.org", "carol@example.org"),
                    new BillingRepository().accountsToReview(c), "running VMs (alice, carol), a decision to forget (bob)");
        }
    }

    @Test
    void anUpgradedDatabaseHasTheSchemaOfANewOneAndRecordsPricesOnce() throws Exception {
        upgrade();
        String fresh = TestPostgres.newDatabase();
        assertEquals(schema(PaymentsFixture.migrated(fresh)), schema(url));

        execute("UPDATE vm_sizes SET dollars_per_month = 9.00 WHERE id = 'f1-xs'");
        assertEquals("4", query("SELECT count(*) FROM vm_size_price_history WHERE size = 'f1-xs'"));
        assertEquals("9.00", query("SELECT dollars_per_month FROM vm_size_price_history WHERE size = 'f1-xs' "
                + "ORDER BY effective_from DESC LIMIT 1"));
    }

    @Test
    void paymentsRefusesToDropItsPriceHistoryBeforeTheHubTookItOver() throws Exception {
        String rows = query("SELECT count(*) FROM vm_size_prices");

        MigrationException refused = assertThrows(MigrationException.class,
                () -> migrate("stoa-payments", paymentsFiles()));

        assertTrue(refused.getMessage().contains("vm_size_price_history"), refused.getMessage());
        assertEquals(rows, query("SELECT count(*) FROM vm_size_prices"));
        upgrade();
        assertEquals(rows, query("SELECT count(*) FROM vm_size_price_history"));
    }

    @Test
    void paymentsAddedToAHubThatAlreadyRecordedAPriceChangeKeepsTheHubsFirstPrice() throws Exception {
        url = TestPostgres.newDatabase();
        database = TestPostgres.dataSource(url);
        migrate("stoa-vm-hub", hubFiles());
        execute("UPDATE vm_sizes SET dollars_per_month = 10.00 WHERE id = 'f1-xs'");

        migrate("stoa-payments", paymentsFiles());

        assertEquals(List.of("-infinity 5.33", "10.00"), column("SELECT CASE WHEN isfinite(effective_from) THEN '' "
                + "ELSE effective_from || ' ' END || dollars_per_month FROM vm_size_price_history WHERE size = 'f1-xs' "
                + "ORDER BY effective_from"));
        assertEquals("0", query("SELECT count(*) FROM pg_class WHERE relname = 'vm_size_prices'"));
    }

    /** What release 0.1 stored, written as its code wrote it (its payments always with their audit rows). */
    private void fillAsRelease01() throws Exception {
        for (String email : List.of("alice@example.org", "bob@example.org", "carol@example.org")) {
            execute("INSERT INTO accounts (email) VALUES (?)", email);
        }
        // Each statement its own transaction: the trigger stamps each change with its transaction's time.
        execute("UPDATE vm_sizes SET dollars_per_month = 10.00 WHERE id = 'f1-xs'");
        execute("UPDATE vm_sizes SET dollars_per_month = 8.00 WHERE id = 'f1-xs'");
        execute("INSERT INTO vm_sizes (id, dollars_per_month, memory_mb, vcpus, bandwidth_gb_per_month) "
                + "VALUES ('t-30', 30.44, 512, 1, 500)");
        List<Instant> changes = instants("SELECT effective_from FROM vm_size_prices WHERE size = 'f1-xs' "
                + "AND isfinite(effective_from) ORDER BY effective_from");
        firstChange = changes.get(0);
        secondChange = changes.get(1);
        t30Added = instants("SELECT effective_from FROM vm_size_prices WHERE size = 't-30'").get(0);
        now = secondChange.plus(MONTH);
        fixture.clock.set(now);

        fixture.vm("alice@example.org", "f1-xs", firstChange.minus(MONTH), firstChange);
        fixture.vm("alice@example.org", "f1-xs", secondChange, null);
        fixture.vm("bob@example.org", "f1-m", secondChange.minus(MONTH.multipliedBy(2)), secondChange.minus(MONTH));
        fixture.vm("bob@example.org", "t-30", t30Added, t30Added.plus(DAY.multipliedBy(10)));
        fixture.vm("carol@example.org", "f1-xs", firstChange.minus(DAY.multipliedBy(3)), null);

        payment("alice@example.org", "20.00", "karaf", "bank transfer");
        long chargedBack = payment("alice@example.org", "5.00", "stripe", "checkout cs_1");
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            Jdbc.update(c, "INSERT INTO payment_audit (payment, action, who, why) "
                    + "VALUES (?, 'invalidated', 'karaf', 'chargeback')", chargedBack);
            Jdbc.update(c, "UPDATE payments SET invalidated = true WHERE id = ?", chargedBack);
            c.commit();
        }
        long bob = payment("bob@example.org", "30.00", "btcpay", "invoice inv_1");
        execute("INSERT INTO payment_sessions (provider, id, email, dollars, status, payment) "
                + "VALUES ('stripe', 'cs_1', 'alice@example.org', 5.00, 'failed', ?)", chargedBack);
        execute("INSERT INTO payment_sessions (provider, id, email, dollars, status, payment) "
                + "VALUES ('btcpay', 'inv_1', 'bob@example.org', 30.00, 'paid', ?)", bob);
        execute("INSERT INTO payment_sessions (provider, id, email, dollars, status, note) "
                + "VALUES ('stripe', 'cs_2', 'nobody@example.org', 7.00, 'unmatched', 'no such account')");
        execute("INSERT INTO payment_events (provider, id, type, session, outcome) "
                + "VALUES ('stripe', 'evt_1', 'checkout.session.expired', 'cs_1', 'payment invalidated')");
        execute("INSERT INTO billing_notices (email, subject, body, created, delivered) "
                + "VALUES ('bob@example.org', 'Your VM hosting balance runs out within a week', '...', ?, ?)",
                secondChange, secondChange);
        execute("INSERT INTO billing_warnings (email, level, decided, notice) "
                + "VALUES ('bob@example.org', 'week', ?, (SELECT max(id) FROM billing_notices))", secondChange);
        execute("INSERT INTO billing_notices (email, subject, body, created) "
                + "VALUES ('carol@example.org', 'Your VM hosting balance is used up', '...', ?)", secondChange);
    }

    /** Each account's usage as release 0.1 computed it: its own reads of vms and vm_size_prices, priced the same way. */
    private Map<String, List<VmUsage>> usageFromRelease01Tables() throws Exception {
        record SizePrice(String size, Pricing.Price price) {
        }
        record VmRow(String id, String email, String size, Instant created, Instant deleted) {
        }
        Map<String, List<Pricing.Price>> prices = new HashMap<>();
        Map<String, List<VmUsage>> usage = new HashMap<>();
        try (Connection c = database.getConnection()) {
            for (SizePrice p : Jdbc.list(c, "SELECT size, dollars_per_month, "
                    + "CASE WHEN isfinite(effective_from) THEN effective_from END AS effective_from "
                    + "FROM vm_size_prices ORDER BY size, vm_size_prices.effective_from",
                    row -> new SizePrice(row.getString("size"),
                            new Pricing.Price(Jdbc.instant(row, "effective_from"), row.getBigDecimal("dollars_per_month"))))) {
                prices.computeIfAbsent(p.size(), s -> new ArrayList<>()).add(p.price());
            }
            for (VmRow vm : Jdbc.list(c, "SELECT id, email, size, created, deleted FROM vms ORDER BY created, id",
                    row -> new VmRow(row.getString("id"), row.getString("email"), row.getString("size"),
                            Jdbc.instant(row, "created"), Jdbc.instant(row, "deleted")))) {
                Instant until = Pricing.billedUntil(vm.created(), vm.deleted(), now);
                usage.computeIfAbsent(vm.email(), e -> new ArrayList<>()).add(new VmUsage(vm.id(), vm.size(),
                        vm.created(), vm.deleted(), Pricing.days(vm.created(), until),
                        Pricing.cost(vm.created(), until, prices.get(vm.size()))));
            }
        }
        return usage;
    }

    private void upgrade() throws Exception {
        migrate("stoa-vm-hub", hubFiles());
        migrate("stoa-payments", paymentsFiles());
    }

    private void migrate(String module, ModuleFiles files) throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            new SchemaMigrator(new MigrationDeclaration(module, "db"), files).migrate(c);
        }
    }

    private static ModuleFiles hubFiles() throws Exception {
        return new FolderFiles(TestMigrations.resourcesOf(VmHosting.class));
    }

    private static ModuleFiles paymentsFiles() {
        return new FolderFiles(Path.of("src", "main", "resources").toAbsolutePath());
    }

    /** The module's files as release 0.1 shipped them: its migrations of then, none added since. */
    private static ModuleFiles released(String module, ModuleFiles now) {
        List<String> shipped = RELEASE_0_1.get(module);
        return new ModuleFiles() {
            @Override
            public List<String> list(String folder) throws IOException {
                List<String> kept = now.list(folder).stream().filter(shipped::contains).toList();
                if (!kept.equals(shipped)) {
                    throw new IOException(module + "'s released migrations " + shipped + " are not all in " + now.describe());
                }
                return kept;
            }

            @Override
            public Optional<InputStream> open(String path) throws IOException {
                return now.open(path);
            }

            @Override
            public String describe() {
                return "release 0.1 of " + now.describe();
            }
        };
    }

    /** A payment with its audit row in one transaction, as release 0.1's payment:add made it. */
    private long payment(String email, String dollars, String who, String why) throws Exception {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            long id = Jdbc.one(c, "INSERT INTO payments (email, dollars) VALUES (?, ?) RETURNING id", row -> row.getLong(1),
                    email, new BigDecimal(dollars)).orElseThrow();
            Jdbc.update(c, "INSERT INTO payment_audit (payment, action, who, why) VALUES (?, 'added', ?, ?)", id, who, why);
            c.commit();
            return id;
        }
    }

    /** Every row of every table but the migration history, as text, in a fixed order. */
    private Map<String, List<String>> everyTable() throws Exception {
        Map<String, List<String>> tables = new HashMap<>();
        for (String table : column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                + "AND tablename NOT LIKE 'databasechangelog%'")) {
            tables.put(table, column("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1"));
        }
        return tables;
    }

    /** What the schema is made of: relations, columns, constraints, indexes, triggers, functions and views. */
    private static List<String> schema(String database) throws Exception {
        String sql = "SELECT 'relation ' || relname || ' ' || relkind::text FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' "
                + "UNION ALL SELECT 'column ' || attrelid::regclass || '.' || attname || ' ' || format_type(atttypid, atttypmod) "
                + "|| ' ' || attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attnum > 0 AND NOT attisdropped "
                + "UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                + "UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' "
                + "UNION ALL SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal "
                + "UNION ALL SELECT 'function ' || proname || ' ' || prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
                + "UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' "
                + "ORDER BY 1";
        try (Connection c = TestPostgres.connect(database)) {
            return Jdbc.list(c, sql, row -> row.getString(1));
        }
    }

    private List<String> column(String sql, Object... parameters) throws Exception {
        try (Connection c = database.getConnection()) {
            return Jdbc.list(c, sql, row -> row.getString(1), parameters);
        }
    }

    private List<Instant> instants(String sql) throws Exception {
        try (Connection c = database.getConnection()) {
            return Jdbc.list(c, sql, row -> Jdbc.instant(row, "effective_from"));
        }
    }

    private String query(String sql, Object... parameters) throws Exception {
        List<String> values = column(sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (Connection c = database.getConnection()) {
            Jdbc.update(c, sql, parameters);
        }
    }
}
