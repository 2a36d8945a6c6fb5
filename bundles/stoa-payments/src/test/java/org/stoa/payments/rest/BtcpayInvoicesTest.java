package org.stoa.payments.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a settled BTCPay invoice received, asked of a local stand-in for the Greenfield API
 * that checks each request as BTCPay does (GET, the key as {@code Authorization: token KEY})
 * and answers with its response shapes.
 */
class BtcpayInvoicesTest {

    private static final String KEY = "greenfield-key";
    private HttpServer btcpay;
    private final Map<String, String> answers = new HashMap<>();

    @BeforeEach
    void standIn() throws IOException {
        btcpay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        btcpay.createContext("/api/v1/", this::answer);
        btcpay.start();
    }

    @AfterEach
    void stop() {
        btcpay.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = answers.get(exchange.getRequestURI().getRawPath());
        int status = !"GET".equals(exchange.getRequestMethod()) ? 405
                : !("token " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                : body == null ? 404 : 200;
        byte[] bytes = (status == 200 ? body : "{\"code\":\"error\",\"message\":\"status " + status + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An invoice of $20.00 in BTC at 50,000 USD, of which {@code paidBtc} came in. */
    private void invoice(String id, String status, String additionalStatus, String currency, String paidBtc) {
        String path = "/api/v1/stores/store1/invoices/" + id;
        answers.put(path, "{\"id\":\"" + id + "\",\"storeId\":\"store1\",\"amount\":\"20.00\",\"currency\":\"" + currency
                + "\",\"type\":\"Standard\",\"checkoutLink\":\"https://btcpay.example.org/i/" + id + "\","
                + "\"createdTime\":1767225600,\"expirationTime\":1767226500,\"monitoringTime\":1767312000,"
                + "\"status\":\"" + status + "\",\"additionalStatus\":\"" + additionalStatus + "\","
                + "\"availableStatusesForManualMarking\":[],\"archived\":false,"
                + "\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"20.00\"}}");
        BigDecimal due = new BigDecimal("0.0004").subtract(new BigDecimal(paidBtc));
        answers.put(path + "/payment-methods", "[{\"paymentMethodId\":\"BTC-CHAIN\",\"currency\":\"BTC\","
                + "\"destination\":\"bc1qexample\",\"paymentLink\":\"bitcoin:bc1qexample\",\"rate\":\"50000.00\","
                + "\"paymentMethodPaid\":\"" + paidBtc + "\",\"totalPaid\":\"" + paidBtc + "\",\"due\":\""
                + due.toPlainString() + "\",\"amount\":\"0.0004\",\"paymentMethodFee\":\"0.00\",\"payments\":[],"
                + "\"activated\":true,\"additionalData\":{}},"
                + "{\"paymentMethodId\":\"BTC-LN\",\"currency\":\"BTC\",\"destination\":\"lnbc1example\","
                + "\"paymentLink\":null,\"rate\":\"50000.00\",\"paymentMethodPaid\":\"0\",\"totalPaid\":\"" + paidBtc
                + "\",\"due\":\"" + due.toPlainString() + "\",\"amount\":\"0.0004\",\"paymentMethodFee\":\"0\","
                + "\"payments\":[],\"activated\":true,\"additionalData\":{}}]");
    }

    private BtcpayInvoices client(String key) {
        return new BtcpayInvoices("http://127.0.0.1:" + btcpay.getAddress().getPort() + "/", key);
    }

    @Test
    void anInvoiceMarkedSettledAfterAPartialPaymentReceivedOnlyThatPayment() throws Exception {
        invoice("inv1", "Settled", "Marked", "USD", "0.00024");

        BtcpayInvoices.Invoice invoice = client(KEY).invoice("store1", "inv1");

        assertEquals(new BigDecimal("12.00"), invoice.received());
        assertNull(invoice.refusal());
    }

    @Test
    void anOverpaidInvoiceReceivedMoreThanItAsked() throws Exception {
        invoice("inv2", "Settled", "PaidOver", "USD", "0.0005");

        assertEquals(new BigDecimal("25.00"), client(KEY).invoice("store1", "inv2").received());
    }

    @Test
    void anInvoiceNotSettledOrNotInDollarsIsNotCredited() throws Exception {
        invoice("inv3", "Processing", "None", "USD", "0.0004");
        invoice("inv4", "Settled", "None", "EUR", "0.0004");

        assertEquals("BTCPay says the invoice is Processing, not Settled", client(KEY).invoice("store1", "inv3").refusal());
        assertEquals("the invoice is in EUR, not USD", client(KEY).invoice("store1", "inv4").refusal());
    }

    @Test
    void aRefusedKeyOrAnUnknownInvoiceIsNoAnswer() {
        invoice("inv5", "Settled", "None", "USD", "0.0004");

        String refused = assertThrows(BtcpayInvoices.Unanswered.class,
                () -> client("wrong-key").invoice("store1", "inv5")).getMessage();
        assertEquals("BTCPay answered 401 to GET /api/v1/stores/store1/invoices/inv5", refused);
        String unknown = assertThrows(BtcpayInvoices.Unanswered.class,
                () -> client(KEY).invoice("store1", "inv6")).getMessage();
        assertTrue(unknown.startsWith("BTCPay answered 404"), unknown);
    }
}
