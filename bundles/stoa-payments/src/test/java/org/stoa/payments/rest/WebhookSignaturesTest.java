package org.stoa.payments.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.CheckoutEvent.Outcome;

/** The providers' signatures, checked as they compute them, and what their events mean. */
class WebhookSignaturesTest {

    private static final String SECRET = "whsec_test";
    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] COMPLETED = ("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
            + "{\"id\":\"cs_1\",\"amount_total\":2000,\"currency\":\"usd\",\"payment_status\":\"paid\","
            + "\"customer_email\":\"other@example.org\",\"metadata\":{\"email\":\"alice@example.org\"}}}}").getBytes(StandardCharsets.UTF_8);

    private static String stripeHeader(long t, byte[] body, String secret) {
        return "t=" + t + ",v1=" + Signatures.hmacSha256(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    @Test
    void aStripeSignatureOverTheTimestampAndBodyIsAccepted() throws Exception {
        StripeWebhook.verify(stripeHeader(NOW.getEpochSecond(), COMPLETED, SECRET), COMPLETED, SECRET, NOW, TOLERANCE);
        // Any of several v1 signatures will do, as while Stripe rolls a secret.
        StripeWebhook.verify(stripeHeader(NOW.getEpochSecond(), COMPLETED, "old") + ",v1="
                + stripeHeader(NOW.getEpochSecond(), COMPLETED, SECRET).split("v1=")[1] + ",v0=ignored", COMPLETED, SECRET, NOW, TOLERANCE);
    }

    @Test
    void aStripeSignatureOfAnotherSecretBodyOrTimeIsRefused() {
        long t = NOW.getEpochSecond();
        assertEquals("the Stripe-Signature does not match the body", refusedStripe(stripeHeader(t, COMPLETED, "whsec_other"), COMPLETED));
        assertEquals("the Stripe-Signature does not match the body",
                refusedStripe(stripeHeader(t, COMPLETED, SECRET), "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the Stripe-Signature does not match the body",
                refusedStripe(stripeHeader(t, COMPLETED, SECRET).replace("t=" + t, "t=" + (t + 1)), COMPLETED));
        assertEquals("the Stripe-Signature timestamp is older than 300 seconds",
                refusedStripe(stripeHeader(t - 301, COMPLETED, SECRET), COMPLETED));
        assertEquals("the Stripe-Signature timestamp is in the future",
                refusedStripe(stripeHeader(t + 61, COMPLETED, SECRET), COMPLETED));
        assertEquals("no Stripe-Signature header", refusedStripe(null, COMPLETED));
        assertEquals("the Stripe-Signature header needs t= and v1=", refusedStripe("v1=abc", COMPLETED));
    }

    @Test
    void aStripeSignatureDatedWithinTheClockSkewAheadIsAccepted() throws Exception {
        StripeWebhook.verify(stripeHeader(NOW.getEpochSecond() + 60, COMPLETED, SECRET), COMPLETED, SECRET, NOW, TOLERANCE);
    }

    private static String refusedStripe(String header, byte[] body) {
        return assertThrows(WebhookRefused.class, () -> StripeWebhook.verify(header, body, SECRET, NOW, TOLERANCE)).getMessage();
    }

    @Test
    void aCompletedStripeCheckoutIsAPaymentInDollarsForTheMetadataEmail() throws Exception {
        CheckoutEvent event = StripeWebhook.event(COMPLETED);

        assertEquals(new CheckoutEvent("stripe", "evt_1", "checkout.session.completed", "cs_1", Outcome.PAID,
                "alice@example.org", new BigDecimal("20.00")), event);
    }

    @Test
    void stripeEventsMeanWhatTheirTypeAndPaymentStatusSay() throws Exception {
        assertEquals(Outcome.PENDING, stripe("checkout.session.completed", "\"payment_status\":\"unpaid\",").outcome());
        assertEquals(Outcome.PAID, stripe("checkout.session.async_payment_succeeded", "").outcome());
        assertEquals(Outcome.FAILED, stripe("checkout.session.expired", "").outcome());
        assertEquals(Outcome.FAILED, stripe("checkout.session.async_payment_failed", "").outcome());
        assertEquals(Outcome.IGNORED, stripe("invoice.paid", "").outcome());
        assertEquals(null, stripe("checkout.session.completed", "\"currency\":\"eur\",").dollars(), "only US dollars count");
    }

    private static CheckoutEvent stripe(String type, String extra) throws WebhookRefused {
        return StripeWebhook.event(("{\"id\":\"evt_9\",\"type\":\"" + type + "\",\"data\":{\"object\":{" + extra
                + "\"id\":\"cs_9\",\"amount_total\":500}}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBtcpaySignatureOverTheBodyIsCheckedAndItsInvoiceReadFromTheMetadata() throws Exception {
        byte[] body = ("{\"deliveryId\":\"d2\",\"originalDeliveryId\":\"d1\",\"isRedelivery\":true,\"type\":\"InvoiceSettled\","
                + "\"invoiceId\":\"inv_1\",\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"12.50\"}}")
                .getBytes(StandardCharsets.UTF_8);
        BtcpayWebhook.verify("sha256=" + Signatures.hmacSha256("btc", body), body, "btc");
        BtcpayWebhook.verify("sha256=" + Signatures.hmacSha256("btc", body).toUpperCase(), body, "btc");

        assertEquals(new CheckoutEvent("btcpay", "d1", "InvoiceSettled", "inv_1", Outcome.PAID, "alice@example.org",
                new BigDecimal("12.50")), BtcpayWebhook.event(body));
        assertEquals("the BTCPay-Sig does not match the body", assertThrows(WebhookRefused.class,
                () -> BtcpayWebhook.verify("sha256=" + Signatures.hmacSha256("other", body), body, "btc")).getMessage());
        assertEquals("no BTCPay-Sig: sha256=... header", assertThrows(WebhookRefused.class,
                () -> BtcpayWebhook.verify(Signatures.hmacSha256("btc", body), body, "btc")).getMessage());
    }

    @Test
    void aBtcpayPaymentThatDoesNotSettleItsInvoiceCreditsNothing() throws Exception {
        // Finding 2 of issue 17: one payment of 1 of 20 dollars is InvoicePaymentSettled, and was credited 20.
        byte[] body = ("{\"deliveryId\":\"d5\",\"type\":\"InvoicePaymentSettled\",\"invoiceId\":\"inv_5\","
                + "\"payment\":{\"value\":\"0.00001\"},\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"20.00\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new CheckoutEvent("btcpay", "d5", "InvoicePaymentSettled", null, Outcome.IGNORED, null, null),
                BtcpayWebhook.event(body));
    }

    @Test
    void aBodyThatIsNotAnEventIsRefused() {
        assertEquals("not a Stripe event: the body is not JSON",
                assertThrows(WebhookRefused.class, () -> StripeWebhook.event("{oops".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("not a BTCPay event: no invoiceId", assertThrows(WebhookRefused.class, () -> BtcpayWebhook.event(
                "{\"deliveryId\":\"d\",\"type\":\"InvoiceExpired\"}".getBytes(StandardCharsets.UTF_8))).getMessage());
    }
}
