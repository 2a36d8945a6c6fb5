package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.payments.Dollars;
import org.stoa.payments.PaymentException;

/**
 * The settings in force, from {@link PaymentsConfiguration}. The environment variables that
 * containers set ({@code STOA_SMTP_HOST} and the others) reach it through the shipped
 * {@code etc/org.stoa.payments.cfg}, whose lines read them ({@code ${env:NAME:-default}}).
 * {@link #toString()} leaves the secrets out.
 */
public record PaymentSettings(Duration billingInterval, BigDecimal deletionThreshold, Smtp smtp, String stripeSecret,
        Duration stripeTolerance, String btcpaySecret, String btcpayUrl, String btcpayApiKey) {

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

    public static PaymentSettings of(PaymentsConfiguration config) {
        Smtp smtp = new Smtp(text(config.smtpHost()), config.smtpPort(), text(config.smtpFrom()),
                text(config.smtpUser()), text(config._smtpPassword()), Security.named(text(config.smtpSecurity())));
        return new PaymentSettings(Duration.ofSeconds(Math.max(0, config.billingIntervalSeconds())),
                threshold(text(config.deletionThresholdDollars())), smtp, text(config._stripeSigningSecret()),
                Duration.ofSeconds(Math.max(1, config.stripeToleranceSeconds())), text(config._btcpaySecret()),
                text(config.btcpayUrl()), text(config._btcpayApiKey()));
    }

    @Override
    public String toString() {
        return "billing every " + billingInterval.toSeconds() + " s, VMs deleted at " + Dollars.format(deletionThreshold)
                + ", notices to " + smtp + ", Stripe webhook " + (stripeSecret.isEmpty() ? "off" : "on")
                + ", BTCPay webhook " + (btcpaySecret.isEmpty() ? "off" : "on")
                + (btcpayUrl.isEmpty() ? "" : ", BTCPay API " + btcpayUrl);
    }

    private static BigDecimal threshold(String text) {
        try {
            return Dollars.parse(text);
        } catch (PaymentException e) {
            LOG.error("deletion threshold: {}; using {}", e.getMessage(), Dollars.format(DEFAULT_THRESHOLD));
            return DEFAULT_THRESHOLD;
        }
    }

    private static String text(String configured) {
        return configured == null ? "" : configured.strip();
    }
}
