package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL balances are made of: the hub's VMs, the price history of their sizes, payment sums. */
final class UsageRepository {

    /** A VM as billing sees it. */
    record VmLife(String id, String email, String size, Instant created, Instant deleted) {
    }

    /** Every VM of the account (deleted ones included), or of every account when email is null; oldest first. */
    List<VmLife> vms(Connection c, String email) throws SQLException {
        List<VmLife> vms = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, email, size, created, deleted FROM vms "
                + "WHERE ?::text IS NULL OR email = ? ORDER BY created, id")) {
            q.setString(1, email);
            q.setString(2, email);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    vms.add(new VmLife(rows.getString("id"), rows.getString("email"), rows.getString("size"),
                            Rows.instant(rows, "created"), Rows.instant(rows, "deleted")));
                }
            }
        }
        return vms;
    }

    /** Each size's prices, oldest first; the seeded price "since always" has a null start. */
    Map<String, List<Pricing.Price>> prices(Connection c) throws SQLException {
        Map<String, List<Pricing.Price>> prices = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT size, dollars_per_month, "
                + "CASE WHEN isfinite(effective_from) THEN effective_from END AS effective_from "
                + "FROM vm_size_prices ORDER BY size, vm_size_prices.effective_from");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                prices.computeIfAbsent(rows.getString("size"), s -> new ArrayList<>())
                        .add(new Pricing.Price(Rows.instant(rows, "effective_from"), rows.getBigDecimal("dollars_per_month")));
            }
        }
        return prices;
    }

    /** Every account with the sum of its valid payments (zero when it has none). */
    Map<String, BigDecimal> paid(Connection c) throws SQLException {
        Map<String, BigDecimal> paid = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT a.email, coalesce(sum(p.dollars) FILTER (WHERE NOT p.invalidated), 0) AS paid "
                + "FROM accounts a LEFT JOIN payments p ON p.email = a.email GROUP BY a.email");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                paid.put(rows.getString("email"), rows.getBigDecimal("paid"));
            }
        }
        return paid;
    }
}
