package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stoa.db.Jdbc;

/**
 * The SQL balances are made of: what the hub publishes of its VMs (vm_usage) and of its sizes'
 * prices (vm_size_price_history), and this module's payment sums.
 */
final class UsageRepository {

    /** A VM as billing sees it. */
    record VmLife(String id, String email, String size, Instant created, Instant deleted) {
    }

    /** Every VM of the account (deleted ones included), or of every account when email is null; oldest first. */
    List<VmLife> vms(Connection c, String email) throws SQLException {
        return Jdbc.list(c, "SELECT vm, email, size, created, deleted FROM vm_usage "
                + "WHERE ?::text IS NULL OR email = ? ORDER BY created, vm",
                row -> new VmLife(row.getString("vm"), row.getString("email"), row.getString("size"),
                        Jdbc.instant(row, "created"), Jdbc.instant(row, "deleted")),
                email, email);
    }

    /** Each size's prices, oldest first; the price "since always" has a null start. */
    Map<String, List<Pricing.Price>> prices(Connection c) throws SQLException {
        record SizePrice(String size, Pricing.Price price) {
        }
        Map<String, List<Pricing.Price>> prices = new HashMap<>();
        for (SizePrice p : Jdbc.list(c, "SELECT size, dollars_per_month, "
                + "CASE WHEN isfinite(effective_from) THEN effective_from END AS effective_from "
                + "FROM vm_size_price_history ORDER BY size, vm_size_price_history.effective_from",
                row -> new SizePrice(row.getString("size"),
                        new Pricing.Price(Jdbc.instant(row, "effective_from"), row.getBigDecimal("dollars_per_month"))))) {
            prices.computeIfAbsent(p.size(), s -> new ArrayList<>()).add(p.price());
        }
        return prices;
    }

    /** Every account with the sum of its valid payments (zero when it has none). */
    Map<String, BigDecimal> paid(Connection c) throws SQLException {
        record Paid(String email, BigDecimal dollars) {
        }
        Map<String, BigDecimal> paid = new HashMap<>();
        for (Paid p : Jdbc.list(c, "SELECT a.email, coalesce(sum(p.dollars) FILTER (WHERE NOT p.invalidated), 0) AS paid "
                + "FROM accounts a LEFT JOIN payments p ON p.email = a.email GROUP BY a.email",
                row -> new Paid(row.getString("email"), row.getBigDecimal("paid")))) {
            paid.put(p.email(), p.dollars());
        }
        return paid;
    }
}
