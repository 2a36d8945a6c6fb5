package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.payments.Dollars;
import org.stoa.payments.PaymentException;

/**
 * The settings in force: {@link PaymentsConfiguration}, each overridden by its environment
 * variable when that is set (containers are configured that way). {@link #toString()} leaves the
 * secrets out.
 */
public record PaymentSettings(Duration billingInterval, BigDecimal deletionThreshold, Smtp smtp, String stripeSecret,
        Duration stripeTolerance, String btcpaySecret) {

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain SMTP: a relay on this host or a trusted network. */
        NONE,
        /** STARTTLS, required: nothing is sent if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        TLS;

        /** The setting's value, any case; an unknown one is STARTTLS, which never sends in clear. */
        static Security named(String name) {
            for (Security s : values()) {
                if (s.name().equalsIgnoreCase(name.strip())) {
                    return s;
                }
            }
            LOG.error("SMTP security '{}' is not none, starttls or tls; using starttls", name);
            return STARTTLS;
        }
    }

    /** Where billing notices go; {@code host} empty: to the log. */
    public record Smtp(String host, int port, String from, String user, String password, Security security) {

        boolean configured() {
            return !host.isEmpty();
        }

        @Override
        public String toString() {
            return configured() ? "SMTP " + host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ") from "
                    + from + (user.isEmpty() ? "" : " as " + user) : "the log";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettings.class);
    static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("-10.00");

    public static PaymentSettings of(PaymentsConfiguration config, Map<String, String> env) {
        Smtp smtp = new Smtp(text(env, "STOA_SMTP_HOST", config.smtpHost()),
                number(env, "STOA_SMTP_PORT", config.smtpPort()), text(env, "STOA_SMTP_FROM", config.smtpFrom()),
                text(env, "STOA_SMTP_USER", config.smtpUser()), text(env, "STOA_SMTP_PASSWORD", config._smtpPassword()),
                Security.named(text(env, "STOA_SMTP_SECURITY", config.smtpSecurity())));
        return new PaymentSettings(Duration.ofSeconds(Math.max(0, number(env, "STOA_BILLING_INTERVAL_SECONDS", config.billingIntervalSeconds()))),
                threshold(text(env, "STOA_BILLING_DELETION_THRESHOLD", config.deletionThresholdDollars())), smtp,
                text(env, "STOA_STRIPE_SIGNING_SECRET", config._stripeSigningSecret()),
                Duration.ofSeconds(Math.max(1, number(env, "STOA_STRIPE_TOLERANCE_SECONDS", config.stripeToleranceSeconds()))),
                text(env, "STOA_BTCPAY_SECRET", config._btcpaySecret()));
    }

    @Override
    public String toString() {
        return "billing every " + billingInterval.toSeconds() + " s, VMs deleted at " + Dollars.format(deletionThreshold)
                + ", notices to " + smtp + ", Stripe webhook " + (stripeSecret.isEmpty() ? "off" : "on")
                + ", BTCPay webhook " + (btcpaySecret.isEmpty() ? "off" : "on");
    }

    private static BigDecimal threshold(String text) {
        try {
            return Dollars.parse(text);
        } catch (PaymentException e) {
            LOG.error("deletion threshold: {}; using {}", e.getMessage(), Dollars.format(DEFAULT_THRESHOLD));
            return DEFAULT_THRESHOLD;
        }
    }

    private static String text(Map<String, String> env, String variable, String configured) {
        String value = env.get(variable);
        return (value == null || value.isBlank() ? (configured == null ? "" : configured) : value).strip();
    }

    private static int number(Map<String, String> env, String variable, int configured) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return configured;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            LOG.error("{} is not a whole number ({}); using {}", variable, value, configured);
            return configured;
        }
    }
}
