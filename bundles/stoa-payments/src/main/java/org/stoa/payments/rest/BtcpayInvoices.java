package org.stoa.payments.rest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * BTCPay Server's Greenfield API, asked what a settled invoice actually received: a webhook
 * says an invoice settled, not how much came in, and an invoice marked settled by hand or
 * overpaid received another amount than it asked. The key needs {@code btcpay.store.canviewinvoices}.
 */
final class BtcpayInvoices {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What BTCPay says of one invoice; {@code received} in the invoice's currency, in cents. */
    record Invoice(String status, String currency, BigDecimal received) {

        /** The dollars to credit, or why none. */
        String refusal() {
            if (!"Settled".equals(status)) {
                return "BTCPay says the invoice is " + status + ", not Settled";
            }
            if (!"USD".equalsIgnoreCase(currency)) {
                return "the invoice is in " + currency + ", not USD";
            }
            return null;
        }
    }

    /** The API could not say (unreachable, refused the key, an unexpected answer). */
    static final class Unanswered extends Exception {
        Unanswered(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    BtcpayInvoices(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    Invoice invoice(String storeId, String invoiceId) throws Unanswered {
        String path = "/api/v1/stores/" + segment(storeId) + "/invoices/" + segment(invoiceId);
        JsonNode invoice = get(path);
        JsonNode methods = get(path + "/payment-methods");
        if (!invoice.path("status").isTextual() || !invoice.path("currency").isTextual() || !methods.isArray()) {
            throw new Unanswered("BTCPay's answer about invoice " + invoiceId + " has no status, currency or payment methods");
        }
        return new Invoice(invoice.path("status").asText(), invoice.path("currency").asText(), received(methods));
    }

    /**
     * Every method reports the invoice's total paid in its own currency and its rate to the
     * invoice's currency; one method is enough. No method: nothing was paid.
     */
    private static BigDecimal received(JsonNode methods) throws Unanswered {
        for (JsonNode method : methods) {
            try {
                BigDecimal paid = new BigDecimal(method.path("totalPaid").asText());
                BigDecimal rate = new BigDecimal(method.path("rate").asText());
                return paid.multiply(rate).setScale(2, RoundingMode.HALF_UP);
            } catch (NumberFormatException e) {
                throw new Unanswered("BTCPay's payment method has no decimal totalPaid and rate");
            }
        }
        return BigDecimal.ZERO.setScale(2);
    }

    private JsonNode get(String path) throws Unanswered {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "token " + apiKey).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unanswered("BTCPay at " + baseUrl + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while asking BTCPay");
        }
        if (response.statusCode() != 200) {
            throw new Unanswered("BTCPay answered " + response.statusCode() + " to GET " + path);
        }
        try {
            return EventJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new Unanswered("BTCPay's answer to GET " + path + " is not JSON");
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
