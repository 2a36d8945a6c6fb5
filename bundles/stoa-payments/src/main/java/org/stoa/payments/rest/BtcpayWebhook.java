package org.stoa.payments.rest;

import com.fasterxml.jackson.databind.JsonNode;

import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.CheckoutEvent.Outcome;

/**
 * BTCPay Server's invoice webhooks. {@code BTCPay-Sig: sha256=<hex>}, an HMAC-SHA256 of the
 * body under the webhook's secret. Events read: {@code InvoiceSettled} (a payment: the
 * invoice is paid in full), {@code InvoiceExpired} and {@code InvoiceInvalid} (the checkout failed). Fields read:
 * storeId, invoiceId; the event id is originalDeliveryId (the same on every redelivery) or else
 * deliveryId; the account's email is metadata.buyerEmail or metadata.email. The amount ordered,
 * metadata.dollars, is not what is credited: {@link BtcpayInvoices} asks BTCPay what the invoice
 * received (an invoice marked settled by hand may have received less). {@code InvoicePaymentSettled}
 * is ignored: it is one confirmed payment, which may be part of the invoice, so crediting the
 * invoice's dollars on it credited a partial payment in full.
 */
final class BtcpayWebhook {

    static final String PROVIDER = "btcpay";
    private static final String PREFIX = "sha256=";

    private BtcpayWebhook() {
    }

    static void verify(String header, byte[] body, String secret) throws WebhookRefused {
        if (header == null || !header.strip().startsWith(PREFIX)) {
            throw new WebhookRefused("no BTCPay-Sig: sha256=... header");
        }
        if (!Signatures.matches(Signatures.hmacSha256(secret, body), header.strip().substring(PREFIX.length()))) {
            throw new WebhookRefused("the BTCPay-Sig does not match the body");
        }
    }

    /** The store of a settled invoice's event, which the Greenfield API's paths name. */
    static String storeId(byte[] body) throws WebhookRefused {
        return EventJson.id(EventJson.parse(body, "BTCPay"), "storeId", "BTCPay");
    }

    static CheckoutEvent event(byte[] body) throws WebhookRefused {
        JsonNode json = EventJson.parse(body, "BTCPay");
        String type = EventJson.id(json, "type", "BTCPay");
        String id = json.path("originalDeliveryId").isTextual() && !json.path("originalDeliveryId").asText().isBlank()
                ? EventJson.id(json, "originalDeliveryId", "BTCPay") : EventJson.id(json, "deliveryId", "BTCPay");
        Outcome outcome = switch (type) {
            case "InvoiceSettled" -> Outcome.PAID;
            case "InvoiceExpired", "InvoiceInvalid" -> Outcome.FAILED;
            default -> Outcome.IGNORED;
        };
        if (outcome == Outcome.IGNORED) {
            return new CheckoutEvent(PROVIDER, id, type, null, outcome, null, null);
        }
        JsonNode metadata = json.path("metadata");
        return new CheckoutEvent(PROVIDER, id, type, EventJson.id(json, "invoiceId", "BTCPay"), outcome,
                EventJson.firstText(metadata.path("buyerEmail"), metadata.path("email")),
                EventJson.dollars(metadata.path("dollars")));
    }
}
