package org.stoa.payments.rest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.CheckoutEvent.Outcome;

/**
 * Stripe's checkout webhooks. {@code Stripe-Signature: t=<unix time>,v1=<hex>[,v1=<hex>...]},
 * each v1 an HMAC-SHA256 of {@code "<t>.<body>"} under the endpoint's signing secret; any one
 * matching will do (Stripe sends several while a secret is rolled), and t must be no older than
 * the tolerance. Events read: {@code checkout.session.completed} (a payment when its
 * payment_status is paid, pending when unpaid), {@code checkout.session.async_payment_succeeded}
 * (a payment), {@code checkout.session.expired} and {@code checkout.session.async_payment_failed}
 * (the checkout failed). Fields read from data.object: id, amount_total (cents), currency (usd
 * only), payment_status, and the account's email from metadata.email, customer_email or
 * customer_details.email, in that order.
 */
final class StripeWebhook {

    static final String PROVIDER = "stripe";

    private StripeWebhook() {
    }

    /** How far ahead of this server's clock a Stripe signature may be dated. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    static void verify(String header, byte[] body, String secret, Instant now, Duration tolerance) throws WebhookRefused {
        if (header == null || header.isBlank()) {
            throw new WebhookRefused("no Stripe-Signature header");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new WebhookRefused("the Stripe-Signature header needs t= and v1=");
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookRefused("the Stripe-Signature timestamp is not a number");
        }
        String expected = Signatures.hmacSha256(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        if (signatures.stream().noneMatch(s -> Signatures.matches(expected, s))) {
            throw new WebhookRefused("the Stripe-Signature does not match the body");
        }
        if (Instant.ofEpochSecond(signedAt).isBefore(now.minus(tolerance))) {
            throw new WebhookRefused("the Stripe-Signature timestamp is older than " + tolerance.toSeconds() + " seconds");
        }
        // Stripe signs at sending time, so a timestamp ahead of our clock is skew at most. One far
        // ahead would stay replayable long past the tolerance: it is refused.
        if (Instant.ofEpochSecond(signedAt).isAfter(now.plus(CLOCK_SKEW))) {
            throw new WebhookRefused("the Stripe-Signature timestamp is in the future");
        }
    }

    static CheckoutEvent event(byte[] body) throws WebhookRefused {
        JsonNode json = EventJson.parse(body, "Stripe");
        String id = EventJson.id(json, "id", "Stripe");
        String type = EventJson.id(json, "type", "Stripe");
        JsonNode session = json.path("data").path("object");
        if (!type.startsWith("checkout.session.")) {
            return new CheckoutEvent(PROVIDER, id, type, null, Outcome.IGNORED, null, null);
        }
        String sessionId = EventJson.id(session, "id", "Stripe checkout session");
        String email = EventJson.firstText(session.path("metadata").path("email"), session.path("customer_email"),
                session.path("customer_details").path("email"));
        Outcome outcome = switch (type) {
            case "checkout.session.completed" -> "unpaid".equals(session.path("payment_status").asText()) ? Outcome.PENDING
                    : Outcome.PAID;
            case "checkout.session.async_payment_succeeded" -> Outcome.PAID;
            case "checkout.session.expired", "checkout.session.async_payment_failed" -> Outcome.FAILED;
            default -> Outcome.IGNORED;
        };
        return new CheckoutEvent(PROVIDER, id, type, sessionId, outcome, email, dollars(session));
    }

    /** amount_total in cents of US dollars; null for another currency or no whole amount. */
    private static BigDecimal dollars(JsonNode session) {
        String currency = session.path("currency").asText("usd").toLowerCase(Locale.ROOT);
        JsonNode cents = session.path("amount_total");
        if (!currency.equals("usd") || !cents.canConvertToLong() || !cents.isIntegralNumber()) {
            return null;
        }
        return BigDecimal.valueOf(cents.asLong(), 2);
    }
}
