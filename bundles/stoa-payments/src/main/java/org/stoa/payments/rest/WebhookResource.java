package org.stoa.payments.rest;

import java.time.Clock;
import java.time.Duration;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.Transactions;
import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.payments.internal.PaymentSettings;
import org.stoa.payments.internal.PaymentsConfiguration;

/**
 * Payment providers' webhooks: {@code POST /payments/webhooks/stripe} and
 * {@code POST /payments/webhooks/btcpay}. A verified event is acted on once (200 with what was
 * done, also for a repeat); a bad signature or body is 400 and stores nothing; an endpoint whose
 * secret is not configured is 503, so the provider retries once it is.
 */
@Component(service = WebhookResource.class, configurationPid = "org.stoa.payments")
@JaxrsResource
@JaxrsApplicationSelect(WebhookApplication.SELECT)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResource.class);

    private final Payments payments;
    private final String stripeSecret;
    private final Duration stripeTolerance;
    private final String btcpaySecret;
    private final BtcpayInvoices btcpayInvoices;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public WebhookResource(PaymentsConfiguration config, @Reference Payments payments) {
        PaymentSettings settings = PaymentSettings.of(config);
        this.payments = payments;
        this.stripeSecret = settings.stripeSecret();
        this.stripeTolerance = settings.stripeTolerance();
        this.btcpaySecret = settings.btcpaySecret();
        this.btcpayInvoices = settings.btcpayUrl().isEmpty() || settings.btcpayApiKey().isEmpty() ? null
                : new BtcpayInvoices(settings.btcpayUrl(), settings.btcpayApiKey());
    }

    @POST
    @Path("stripe")
    @Consumes(MediaType.WILDCARD)
    public Response stripe(@HeaderParam("Stripe-Signature") String signature, byte[] body) {
        if (stripeSecret.isEmpty()) {
            return unconfigured("Stripe", ".stripeSigningSecret", "STOA_STRIPE_SIGNING_SECRET");
        }
        try {
            StripeWebhook.verify(signature, body, stripeSecret, clock.instant(), stripeTolerance);
            return settle(StripeWebhook.event(body));
        } catch (WebhookRefused e) {
            return refused(StripeWebhook.PROVIDER, e);
        }
    }

    @POST
    @Path("btcpay")
    @Consumes(MediaType.WILDCARD)
    public Response btcpay(@HeaderParam("BTCPay-Sig") String signature, byte[] body) {
        if (btcpaySecret.isEmpty()) {
            return unconfigured("BTCPay", ".btcpaySecret", "STOA_BTCPAY_SECRET");
        }
        try {
            BtcpayWebhook.verify(signature, body, btcpaySecret);
            CheckoutEvent event = BtcpayWebhook.event(body);
            if (event.outcome() != CheckoutEvent.Outcome.PAID) {
                return settle(event);
            }
            if (btcpayInvoices == null) {
                return unconfigured("BTCPay", "btcpayUrl and .btcpayApiKey", "STOA_BTCPAY_URL and STOA_BTCPAY_API_KEY");
            }
            return settle(received(event, BtcpayWebhook.storeId(body)));
        } catch (WebhookRefused e) {
            return refused(BtcpayWebhook.PROVIDER, e);
        } catch (BtcpayInvoices.Unanswered e) {
            // Not recorded: BTCPay redelivers, and the next delivery asks again.
            LOG.warn("btcpay invoice not credited yet: {}", e.getMessage());
            return answer(Response.Status.SERVICE_UNAVAILABLE, "BTCPay could not say what the invoice received; "
                    + "the event was not recorded");
        }
    }

    /** The event with the dollars the invoice received, or none (and why in the log) when it is not to be credited. */
    private CheckoutEvent received(CheckoutEvent event, String storeId) throws BtcpayInvoices.Unanswered {
        BtcpayInvoices.Invoice invoice = btcpayInvoices.invoice(storeId, event.session());
        String refusal = invoice.refusal();
        if (refusal != null) {
            LOG.warn("btcpay invoice {}: {}", event.session(), refusal);
        } else if (event.dollars() == null || invoice.received().compareTo(event.dollars()) != 0) {
            LOG.warn("btcpay invoice {} asked {} and received {}; crediting what it received", event.session(),
                    event.dollars(), invoice.received());
        }
        return new CheckoutEvent(event.provider(), event.eventId(), event.type(), event.session(), event.outcome(),
                event.email(), refusal == null ? invoice.received() : null);
    }

    private Response settle(CheckoutEvent event) {
        try {
            return answer(Response.Status.OK, payments.settle(event));
        } catch (PaymentException e) {
            // The provider retries a failed delivery; the event was not recorded.
            // The detail goes to the log only: the answer reaches whoever can reach the webhook URL.
            LOG.warn("{} event {} not recorded: {}", event.provider(), event.eventId(), e.getMessage());
            return Transactions.isDatabaseUnavailable(e.getMessage())
                    ? answer(Response.Status.SERVICE_UNAVAILABLE, "database unavailable; the event was not recorded")
                    : answer(Response.Status.INTERNAL_SERVER_ERROR, "the event was not recorded");
        }
    }

    private static Response refused(String provider, WebhookRefused e) {
        LOG.warn("{} webhook refused: {}", provider, e.getMessage());
        return answer(Response.Status.BAD_REQUEST, e.getMessage());
    }

    private static Response unconfigured(String provider, String property, String variable) {
        return answer(Response.Status.SERVICE_UNAVAILABLE, "the " + provider + " webhook is not configured: set "
                + property + " in etc/org.stoa.payments.cfg or " + variable);
    }

    private static Response answer(Response.Status status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(EventJson.MAPPER.createObjectNode().put("detail", detail).toString()).build();
    }
}
