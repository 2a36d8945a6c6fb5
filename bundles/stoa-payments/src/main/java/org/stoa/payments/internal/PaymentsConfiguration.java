package org.stoa.payments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Billing and the providers' webhooks, from {@code etc/org.stoa.payments.cfg}; each setting's
 * environment variable wins. Secrets are private properties (a leading dot: {@code .smtpPassword}),
 * which never become service properties, and are never logged.
 */
@ObjectClassDefinition(name = "Stoa payments", description = "Billing of VM hosting accounts and payment providers' webhooks")
public @interface PaymentsConfiguration {

    @AttributeDefinition(description = "Seconds between billing runs on the hub; 0 turns billing off (STOA_BILLING_INTERVAL_SECONDS)")
    int billingIntervalSeconds() default 3600;

    @AttributeDefinition(description = "Balance in dollars at or below which an account's VMs are deleted, once it was "
            + "warned (STOA_BILLING_DELETION_THRESHOLD)")
    String deletionThresholdDollars() default "-10.00";

    @AttributeDefinition(description = "SMTP relay for billing notices; empty: notices are logged (STOA_SMTP_HOST)")
    String smtpHost() default "";

    @AttributeDefinition(description = "SMTP port (STOA_SMTP_PORT)")
    int smtpPort() default 25;

    @AttributeDefinition(description = "Sender address of billing notices (STOA_SMTP_FROM)")
    String smtpFrom() default "billing@localhost";

    @AttributeDefinition(description = "SMTP protection: none (plain, a relay on this host), starttls (required) or "
            + "tls (from the first byte, usually port 465); the certificate and host name are checked (STOA_SMTP_SECURITY)")
    String smtpSecurity() default "none";

    @AttributeDefinition(description = "SMTP user; sent in clear with smtpSecurity none, so then for a relay on this "
            + "host only; empty: no authentication (STOA_SMTP_USER)")
    String smtpUser() default "";

    @AttributeDefinition(description = "SMTP password (STOA_SMTP_PASSWORD)", type = AttributeType.PASSWORD)
    String _smtpPassword() default "";

    @AttributeDefinition(description = "Stripe webhook signing secret (whsec_...); "
            + "empty: the Stripe webhook answers 503 (STOA_STRIPE_SIGNING_SECRET)", type = AttributeType.PASSWORD)
    String _stripeSigningSecret() default "";

    @AttributeDefinition(description = "Seconds a Stripe-Signature timestamp stays acceptable (STOA_STRIPE_TOLERANCE_SECONDS)")
    int stripeToleranceSeconds() default 300;

    @AttributeDefinition(description = "BTCPay webhook secret; empty: the BTCPay webhook answers 503 "
            + "(STOA_BTCPAY_SECRET)", type = AttributeType.PASSWORD)
    String _btcpaySecret() default "";

    @AttributeDefinition(description = "BTCPay Server's base URL (e.g. https://btcpay.example.org), asked what a "
            + "settled invoice received; empty: settled invoices are not credited (STOA_BTCPAY_URL)")
    String btcpayUrl() default "";

    @AttributeDefinition(description = "Greenfield API key with btcpay.store.canviewinvoices (STOA_BTCPAY_API_KEY)",
            type = AttributeType.PASSWORD)
    String _btcpayApiKey() default "";
}
