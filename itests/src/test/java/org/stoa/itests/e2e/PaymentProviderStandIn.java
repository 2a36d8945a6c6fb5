package org.stoa.itests.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stripe's and BTCPay's APIs as the console calls them, on this machine: each request is checked
 * as the real API checks it (method, path, auth header, the fields it needs) and answered with
 * the real response's shape; a request the real API would refuse gets its error status. The
 * checkout pages the answers link to are plain pages naming the checkout.
 */
final class PaymentProviderStandIn implements AutoCloseable {

    static final String STRIPE_KEY = "sk_test_console_e2e";
    static final String BTCPAY_KEY = "btcpay_console_e2e_key";
    static final String BTCPAY_STORE = "store-e2e";

    /** The Stripe form fields or BTCPay JSON bodies received, in order. */
    final List<Map<String, String>> stripeSessions = new CopyOnWriteArrayList<>();
    final List<JsonNode> btcpayInvoices = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    PaymentProviderStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/checkout/sessions", this::stripe);
        server.createContext("/api/v1/stores/", this::btcpay);
        server.createContext("/c/pay/", e -> answer(e, 200, "text/html", "<!DOCTYPE html><title>Stripe Checkout</title>"
                + "<h1>Stripe Checkout stand-in</h1><p>" + e.getRequestURI().getPath() + "</p>"));
        server.createContext("/i/", e -> answer(e, 200, "text/html", "<!DOCTYPE html><title>BTCPay invoice</title>"
                + "<h1>BTCPay invoice stand-in</h1><p>" + e.getRequestURI().getPath() + "</p>"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void stripe(HttpExchange e) throws IOException {
        if (!e.getRequestMethod().equals("POST") || !e.getRequestURI().getPath().equals("/v1/checkout/sessions")) {
            answer(e, 404, "application/json", "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
            return;
        }
        if (!("Bearer " + STRIPE_KEY).equals(e.getRequestHeaders().getFirst("Authorization"))) {
            answer(e, 401, "application/json", "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
            return;
        }
        Map<String, String> form = form(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        for (String required : List.of("mode", "success_url", "line_items[0][quantity]", "line_items[0][price_data][currency]",
                "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]")) {
            if (!form.containsKey(required) || form.get(required).isEmpty()) {
                answer(e, 400, "application/json", "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Missing required param: "
                        + required + ".\",\"param\":\"" + required + "\"}}");
                return;
            }
        }
        stripeSessions.add(form);
        String id = "cs_test_e2e" + stripeSessions.size();
        answer(e, 200, "application/json", JSON.createObjectNode().put("id", id).put("object", "checkout.session")
                .put("amount_total", Long.parseLong(form.get("line_items[0][price_data][unit_amount]")))
                .put("currency", form.get("line_items[0][price_data][currency]")).put("customer_email", form.get("customer_email"))
                .put("mode", "payment").put("payment_status", "unpaid").put("status", "open")
                .put("success_url", form.get("success_url")).put("url", url() + "/c/pay/" + id).toString());
    }

    private void btcpay(HttpExchange e) throws IOException {
        if (!e.getRequestMethod().equals("POST") || !e.getRequestURI().getPath().equals("/api/v1/stores/" + BTCPAY_STORE + "/invoices")) {
            answer(e, 404, "application/json", "{\"code\":\"store-not-found\",\"message\":\"Store not found\"}");
            return;
        }
        if (!("token " + BTCPAY_KEY).equals(e.getRequestHeaders().getFirst("Authorization"))) {
            answer(e, 401, "application/json", "{\"code\":\"unauthenticated\",\"message\":\"Authentication is required\"}");
            return;
        }
        JsonNode invoice = JSON.readTree(e.getRequestBody());
        if (!invoice.path("amount").isTextual() || !invoice.path("currency").asText().equals("USD")) {
            answer(e, 422, "application/json", "[{\"path\":\"amount\",\"message\":\"amount and currency are required\"}]");
            return;
        }
        btcpayInvoices.add(invoice);
        String id = "inv-e2e-" + btcpayInvoices.size();
        answer(e, 200, "application/json", JSON.createObjectNode().put("id", id).put("storeId", BTCPAY_STORE)
                .put("amount", invoice.path("amount").asText()).put("currency", "USD").put("type", "Standard")
                .put("checkoutLink", url() + "/i/" + id).put("status", "New").put("additionalStatus", "None")
                .set("metadata", invoice.path("metadata")).toString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void answer(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
