package org.stoa.vm.console.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Starts a payment at a provider, as capsul does: a Stripe Checkout Session or a BTCPay
 * Greenfield invoice, carrying the account's email and the amount, whose page the customer is
 * sent to. The providers' webhooks (stoa-payments) turn the paid checkout into a payment.
 */
final class Checkouts {

    /** A provider's settings; {@code secret} empty: the option is hidden. */
    record Stripe(String apiUrl, String secretKey) {
        boolean configured() {
            return !secretKey.isEmpty();
        }
    }

    record Btcpay(String url, String storeId, String apiKey) {
        boolean configured() {
            return !url.isEmpty() && !storeId.isEmpty() && !apiKey.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stripe stripe;
    private final Btcpay btcpay;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Checkouts(Stripe stripe, Btcpay btcpay, String baseUrl) {
        this.stripe = stripe;
        this.btcpay = btcpay;
        this.baseUrl = baseUrl;
    }

    boolean stripe() {
        return stripe.configured();
    }

    boolean btcpay() {
        return btcpay.configured();
    }

    /**
     * Where a payment form's redirect may lead (browsers hold redirects after a form to its page's
     * form-action): the providers' pages over HTTPS, and a provider configured at a plain
     * http:// address (a stand-in on this machine) by its origin.
     */
    String formTargets() {
        StringBuilder targets = new StringBuilder("https:");
        for (String url : new String[] {stripe.configured() ? stripe.apiUrl() : "", btcpay.configured() ? btcpay.url() : ""}) {
            if (url.startsWith("http://")) {
                URI uri = URI.create(url);
                targets.append(' ').append(uri.getScheme()).append("://").append(uri.getHost())
                        .append(uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        }
        return targets.toString();
    }

    /** The Stripe Checkout page to send the customer to. */
    String stripeCheckout(String email, BigDecimal dollars) throws ConsoleException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("customer_email", email);
        form.put("success_url", baseUrl + "/console/account-balance");
        form.put("cancel_url", baseUrl + "/payment/stripe");
        form.put("line_items[0][quantity]", "1");
        form.put("line_items[0][price_data][currency]", "usd");
        form.put("line_items[0][price_data][unit_amount]", dollars.movePointRight(2).toBigIntegerExact().toString());
        form.put("line_items[0][price_data][product_data][name]", "VM hosting credit");
        form.put("metadata[email]", email);
        form.put("metadata[dollars]", dollars.toPlainString());
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(trim(stripe.apiUrl()) + "/v1/checkout/sessions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + stripe.secretKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return link(request, "Stripe", "url");
    }

    /** The BTCPay invoice's checkout page. */
    String btcpayInvoice(String email, BigDecimal dollars) throws ConsoleException {
        ObjectNode invoice = JSON.createObjectNode().put("amount", dollars.toPlainString()).put("currency", "USD");
        invoice.putObject("metadata").put("email", email).put("buyerEmail", email).put("dollars", dollars.toPlainString());
        invoice.putObject("checkout").put("redirectURL", baseUrl + "/console/account-balance");
        HttpRequest request = HttpRequest.newBuilder(URI.create(trim(btcpay.url()) + "/api/v1/stores/"
                + encode(btcpay.storeId()) + "/invoices")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + btcpay.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(invoice.toString())).build();
        return link(request, "BTCPay", "checkoutLink");
    }

    private String link(HttpRequest request, String provider, String field) throws ConsoleException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.statusCode() / 100 == 2 ? JSON.readTree(response.body()) : null;
            String link = answer == null ? "" : answer.path(field).asText("");
            if (!link.startsWith("https://") && !link.startsWith("http://")) {
                throw new ConsoleException(provider + " did not start the payment (HTTP " + response.statusCode()
                        + "). Please try again later.");
            }
            return link;
        } catch (IOException e) {
            throw new ConsoleException(provider + " cannot be reached just now. Please try again later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(provider + " did not answer.");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
