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
}
