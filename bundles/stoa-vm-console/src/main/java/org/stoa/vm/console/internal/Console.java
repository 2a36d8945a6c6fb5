package org.stoa.vm.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.ModuleSchema;
import org.stoa.payments.Payments;
import org.stoa.vm.hub.VmHosting;

/**
 * The console exists where the hub does: it serves under its path prefix while this process
 * holds the hub role (the {@link VmHosting} service), and forgets expired sessions hourly.
 * The servlet is registered by hand because its pattern comes from the configuration.
 */
@Component(immediate = true, configurationPid = ConsoleConfiguration.PID)
@Designate(ocd = ConsoleConfiguration.class)
public final class Console {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final ServiceRegistration<Servlet> registration;
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "stoa-console-cleanup"));

    @Activate
    public Console(BundleContext context, ConsoleConfiguration config, @Reference VmHosting hosting,
            @Reference Payments payments,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-vm-console)") ModuleSchema schema) {
        String prefix = prefix(config.pathPrefix());
        Logins logins = new Logins(schema.dataSource(), Clock.systemUTC(), Duration.ofDays(Math.max(1, config.sessionDays())));
        Templates templates = new Templates();
        LoginMail mail = new LoginMail(config);
        String baseUrl = config.baseUrl().strip().replaceAll("/+$", "");
        Checkouts checkouts = new Checkouts(new Checkouts.Stripe(config.stripeApiUrl().strip(), config._stripeSecretKey().strip()),
                new Checkouts.Btcpay(config.btcpayUrl().strip(), config.btcpayStoreId().strip(), config._btcpayApiKey().strip()),
                baseUrl);
        ConsoleServlet servlet = new ConsoleServlet(logins, mail, new CustomerPages(hosting, payments, checkouts, templates),
                templates, baseUrl, Duration.ofDays(Math.max(1, config.sessionDays())).toSeconds());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.name", "stoa-vm-console");
        properties.put("osgi.http.whiteboard.servlet.pattern", prefix + "/*");
        registration = context.registerService(Servlet.class, servlet, properties);
        cleanup.scheduleWithFixedDelay(() -> {
            try {
                logins.forgetExpired();
            } catch (ConsoleException e) {
                LOG.warn("console: expired sessions not cleaned up: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
        LOG.info("VM console at {} (links to {}, mail {}, Stripe {}, BTCPay {})", prefix + "/", baseUrl,
                mail.configured() ? "by SMTP " + config.smtpHost() + ":" + config.smtpPort() : "not set up: nobody can log in",
                checkouts.stripe() ? "on" : "off", checkouts.btcpay() ? "on" : "off");
    }

    @Deactivate
    void stop() {
        cleanup.shutdownNow();
        registration.unregister();
    }

    /** {@code /capsul}: one leading slash, none at the end. */
    static String prefix(String configured) {
        String p = configured == null ? "" : configured.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        // The root belongs to the webapp: an empty prefix keeps the default.
        return p.isEmpty() ? "/capsul" : p.startsWith("/") ? p : "/" + p;
    }
}
