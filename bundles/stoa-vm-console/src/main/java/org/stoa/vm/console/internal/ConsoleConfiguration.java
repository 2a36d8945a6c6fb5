package org.stoa.vm.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.stoa.vm.console.cfg}; the shipped file lets each setting's environment variable
 * win. Secrets are private properties (a leading dot), which never become service properties.
 */
@ObjectClassDefinition(name = "Stoa VM console", description = "The VM customers' web console on the hub")
public @interface ConsoleConfiguration {

    String PID = "org.stoa.vm.console";

    @AttributeDefinition(description = "Path on the HTTP port the console is served under (STOA_CONSOLE_PATH)")
    String pathPrefix() default "/capsul";

    @AttributeDefinition(description = "The console's address as customers reach it, through a reverse proxy say; "
            + "login links start with it (STOA_CONSOLE_BASE_URL)")
    String baseUrl() default "http://localhost:8181/capsul";

    @AttributeDefinition(description = "Days a login lasts (STOA_CONSOLE_SESSION_DAYS)")
    int sessionDays() default 30;

    @AttributeDefinition(description = "SMTP relay for login links; empty: nobody can log in (STOA_SMTP_HOST)")
    String smtpHost() default "";

    @AttributeDefinition(description = "SMTP port (STOA_SMTP_PORT)")
    int smtpPort() default 25;

    @AttributeDefinition(description = "none, starttls (required) or tls (STOA_SMTP_SECURITY)")
    String smtpSecurity() default "none";

    @AttributeDefinition(description = "Sender of login links (STOA_CONSOLE_MAIL_FROM)")
    String smtpFrom() default "console@localhost";

    @AttributeDefinition(description = "SMTP user; empty: no authentication (STOA_SMTP_USER)")
    String smtpUser() default "";

    @AttributeDefinition(description = "SMTP password (STOA_SMTP_PASSWORD)", type = AttributeType.PASSWORD)
    String _smtpPassword() default "";

    @AttributeDefinition(description = "Stripe's API address; a stand-in's in tests (STOA_STRIPE_API_URL)")
    String stripeApiUrl() default "https://api.stripe.com";

    @AttributeDefinition(description = "Stripe secret key (sk_...); empty: no card payments offered (STOA_STRIPE_SECRET_KEY)",
            type = AttributeType.PASSWORD)
    String _stripeSecretKey() default "";

    @AttributeDefinition(description = "BTCPay Server's address; empty: no Bitcoin payments offered (STOA_BTCPAY_URL)")
    String btcpayUrl() default "";

    @AttributeDefinition(description = "BTCPay store id (STOA_BTCPAY_STORE_ID)")
    String btcpayStoreId() default "";

    @AttributeDefinition(description = "BTCPay Greenfield API key with invoice creation rights (STOA_BTCPAY_API_KEY)",
            type = AttributeType.PASSWORD)
    String _btcpayApiKey() default "";
}
