package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Payments on the assembled distribution, through bin/stoa and real HTTP: a payment, a VM on
 * libvirt's test driver, the balance falling with the VM's age, a chargeback and its audit
 * trail, the billing job's warning mailed by SMTP (queued while the mail server is down), and
 * signed provider webhooks delivered twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentsTest {

    private static final String STRIPE_SECRET = "whsec_e2e_secret";
    private static final String BTCPAY_SECRET = "btcpay_e2e_secret";
    private static final String BTCPAY_KEY = "btcpay_e2e_greenfield_key";
    private static final String ALICE = "alice@example.org";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";

    private static StoaInstance stoa;
    private static Path template;
    /** The account holders' mail server: down at first, so the first notice waits in the outbox. */
    private static GreenMail mail;
    private static int smtpPort;
    /** BTCPay's Greenfield API, stood in for: asked what a settled invoice received. */
    private static HttpServer btcpay;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            smtpPort = free.getLocalPort();
        }
        btcpay = btcpayStandIn();
        stoa = StoaInstance.unpack("payments", 1000, Map.ofEntries(Map.entry("STOA_LIBVIRT_URI", "test:///default"),
                Map.entry("STOA_STRIPE_SIGNING_SECRET", STRIPE_SECRET), Map.entry("STOA_BTCPAY_SECRET", BTCPAY_SECRET),
                Map.entry("STOA_BTCPAY_URL", "http://127.0.0.1:" + btcpay.getAddress().getPort()),
                Map.entry("STOA_BTCPAY_API_KEY", BTCPAY_KEY),
                Map.entry("STOA_BILLING_INTERVAL_SECONDS", "5"), Map.entry("STOA_SMTP_HOST", "127.0.0.1"),
                Map.entry("STOA_SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("STOA_SMTP_FROM", "billing@stoa.example.org")));
        stoa.set("etc/org.stoa.spoke.cfg", "reserved_memory_mb", "0");
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().matches("(?s).*\\nlocal .* yes .*"), "spoke:list");
        template = Files.createTempFile("debian-12", ".img");
        Files.write(template, new byte[1 << 20]);
        assertEquals(0, stoa.stoa("spoke:template-add", "debian-12.qcow2", template.toString()).exit());
        assertEquals(0, stoa.stoa("account:create", ALICE).exit());
        assertEquals(0, stoa.stoa("account:ssh-key-add", ALICE, "laptop", KEY).exit());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (stoa != null) {
                stoa.close();
            }
        } finally {
            if (mail != null) {
                mail.stop();
            }
            if (btcpay != null) {
                btcpay.stop(0);
            }
            if (template != null) {
                Files.deleteIfExists(template);
            }
        }
    }

    @Test
    @Order(1)
    void aPaymentAndAVmMakeABalanceThatFallsAsTheVmAges() throws Exception {
        StoaInstance.Result added = stoa.stoa("payment:add", ALICE, "20", "--note", "bank transfer 2024-05");
        assertEquals(List.of("Payment 1 of $20.00 added to alice@example.org."), added.lines(), added.output());
        StoaInstance.Result created = stoa.stoa("vm:create", "--email", ALICE, "--size", "f1-xs", "--os", "debian12");
        assertEquals(0, created.exit(), created.output());

        // One day (the minimum) of f1-xs at $5.33 a month: 5.33 / 30.44 = 0.1751.
        assertTrue(balance().contains("Balance: $19.82"), balance());
        // The VM as if made ten days ago: 10 * 0.1751 = 1.75.
        stoa.sql("UPDATE vms SET created = created - interval '10 days'");
        String older = balance();
        assertTrue(older.contains("Used:    $1.75") && older.contains("Balance: $18.25"), older);
    }

    @Test
    @Order(2)
    void aChargebackInvalidatesThePaymentAndTheAuditTrailShowsWhoAndWhy() throws Exception {
        StoaInstance.Result invalidated = stoa.stoa("payment:invalidate", "1", "--reason", "chargeback from the bank");
        assertEquals(0, invalidated.exit(), invalidated.output());
        assertEquals(List.of("Payment 1 ($20.00 of alice@example.org) invalidated. Balance of alice@example.org: -$1.75."),
                invalidated.lines());

        String statement = balance();
        assertTrue(statement.contains("Balance: -$1.75"), statement);
        assertTrue(statement.contains("invalidated (not counted; see payment:history 1)"), statement);
        assertTrue(stoa.stoa("payment:list").output().matches("(?s).*\\n1 .*alice@example.org +20\\.00 invalidated\\s*"));
        List<String> trail = stoa.stoa("payment:history", "1").lines();
        assertEquals(3, trail.size(), trail.toString());
        assertTrue(trail.get(1).matches("\\S+ +added +\\S+ +bank transfer 2024-05"), trail.get(1));
        assertTrue(trail.get(2).matches("\\S+ +invalidated +\\S+ +chargeback from the bank"), trail.get(2));
    }

    @Test
    @Order(3)
    void badInputIsRefusedInOneLineAndChangesNothing() throws Exception {
        String before = counts();
        stoa.assertRefused("payment 1 is invalidated already; nothing changed", "payment:invalidate", "1", "--reason", "again");
        stoa.assertRefused("no payment 99", "payment:invalidate", "99", "--reason", "chargeback");
        stoa.assertRefused("a reason is required (--reason TEXT)", "payment:restore", "1");
        stoa.assertRefused("not an amount of dollars: ten", "payment:add", ALICE, "ten");
        stoa.assertRefused("an amount has at most two decimals (cents): 1.005", "payment:add", ALICE, "1.005");
        stoa.assertRefused("a payment must be more than $0.00 (got 0)", "payment:add", ALICE, "0");
        stoa.assertRefused("an amount is at most $999999.99 (got 1000000)", "payment:add", ALICE, "1000000");
        stoa.assertRefused("no account bob@example.org", "payment:add", "bob@example.org", "5");
        stoa.assertRefused("no account bob@example.org", "account:balance", "bob@example.org");
        assertEquals(before, counts());
    }

    @Test
    @Order(4)
    void theBillingJobMailsTheAccountWhoseBalancePassedZeroOnceItsMailServerIsUp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!stoa.sql("SELECT count(*) FROM billing_notices").equals("1") && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
        }
        assertEquals("1", stoa.sql("SELECT count(*) FROM billing_notices WHERE delivered IS NULL"),
                "decided, and kept while the mail server is down");
        Thread.sleep(6000);
        assertEquals("1", stoa.sql("SELECT count(*) FROM billing_notices WHERE delivered IS NULL"), "a failed delivery stays queued");

        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        assertTrue(mail.waitForIncomingEmail(Duration.ofMinutes(1).toMillis(), 1), "no notice arrived by SMTP");
        MimeMessage notice = mail.getReceivedMessages()[0];
        assertEquals("Your VM hosting balance is used up", notice.getSubject());
        assertEquals(ALICE, notice.getAllRecipients()[0].toString());
        assertEquals("billing@stoa.example.org", notice.getFrom()[0].toString());
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!stoa.sql("SELECT count(*) FROM billing_notices WHERE delivered IS NULL").equals("0") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertEquals("0", stoa.sql("SELECT count(*) FROM billing_notices WHERE delivered IS NULL"), "marked sent once accepted");
        Thread.sleep(6000);
        assertEquals(1, mail.getReceivedMessages().length, "a delivered notice is not sent again");
        assertEquals("1", stoa.sql("SELECT count(*) FROM billing_warnings WHERE email = 'alice@example.org' AND level = 'zero'"));
        assertEquals("0", stoa.sql("SELECT count(*) FROM vms WHERE deleted IS NOT NULL"), "-$1.75 is above the -$10.00 threshold");
    }

    @Test
    @Order(5)
    void aSignedStripeWebhookMakesAPaymentOnceAndABadSignatureStoresNothing() throws Exception {
        String body = "{\"id\":\"evt_e2e_1\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"cs_e2e_1\","
                + "\"amount_total\":1500,\"currency\":\"usd\",\"payment_status\":\"paid\",\"customer_email\":\"alice@example.org\"}}}";
        long t = Instant.now().getEpochSecond();
        String signature = "t=" + t + ",v1=" + hmac(STRIPE_SECRET, t + "." + body);

        HttpResponse<String> wrong = post("stripe", "Stripe-Signature", "t=" + t + ",v1=" + hmac("whsec_other", t + "." + body), body);
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("{\"detail\":\"the Stripe-Signature does not match the body\"}", wrong.body());
        assertEquals("0", stoa.sql("SELECT count(*) FROM payment_events"));

        HttpResponse<String> first = post("stripe", "Stripe-Signature", signature, body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"detail\":\"payment 2 of $15.00 added for alice@example.org\"}", first.body());
        String after = counts();
        HttpResponse<String> again = post("stripe", "Stripe-Signature", signature, body);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("{\"detail\":\"event evt_e2e_1 was processed before; nothing changed\"}", again.body());
        assertEquals(after, counts());

        assertTrue(stoa.stoa("payment:list").output().matches("(?s).*\\n2 .*alice@example.org +15\\.00 valid\\s*"));
        assertTrue(stoa.stoa("payment:history", "2").lines().get(1).matches("\\S+ +added +stripe +checkout.session.completed "
                + "for checkout cs_e2e_1 \\(event evt_e2e_1\\)"));
        assertTrue(balance().contains("Balance: $13.25"), balance());
    }

    @Test
    @Order(6)
    void aSignedBtcpayWebhookCreditsWhatTheInvoiceReceivedOnceHoweverOftenItIsDelivered() throws Exception {
        // $5.00 asked, $4.00 received, then marked settled by hand in BTCPay.
        String settled = "{\"deliveryId\":\"d-e2e-1\",\"webhookId\":\"wh-e2e\",\"originalDeliveryId\":\"d-e2e-1\","
                + "\"isRedelivery\":false,\"type\":\"InvoiceSettled\",\"timestamp\":1767225600,\"storeId\":\"store-e2e\","
                + "\"invoiceId\":\"inv-e2e-1\",\"manuallyMarked\":true,\"overPaid\":false,"
                + "\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"5.00\"}}";

        assertEquals(400, post("btcpay", "BTCPay-Sig", "sha256=" + hmac("nope", settled), settled).statusCode());
        HttpResponse<String> first = post("btcpay", "BTCPay-Sig", "sha256=" + hmac(BTCPAY_SECRET, settled), settled);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"detail\":\"payment 3 of $4.00 added for alice@example.org\"}", first.body());
        String after = counts();
        assertEquals(200, post("btcpay", "BTCPay-Sig", "sha256=" + hmac(BTCPAY_SECRET, settled), settled).statusCode());
        assertEquals(after, counts());
    }

    /**
     * Greenfield's invoice and payment-methods answers for inv-e2e-1 (checking GET and the key as
     * BTCPay does): $5.00 in BTC at 40,000 USD, 0.0001 BTC of 0.000125 paid.
     */
    private static HttpServer btcpayStandIn() throws Exception {
        String path = "/api/v1/stores/store-e2e/invoices/inv-e2e-1";
        Map<String, String> answers = Map.of(path, "{\"id\":\"inv-e2e-1\",\"storeId\":\"store-e2e\",\"amount\":\"5.00\","
                + "\"currency\":\"USD\",\"type\":\"Standard\",\"checkoutLink\":\"https://btcpay.test/i/inv-e2e-1\","
                + "\"createdTime\":1767225000,\"expirationTime\":1767225900,\"monitoringTime\":1767311400,"
                + "\"status\":\"Settled\",\"additionalStatus\":\"Marked\",\"availableStatusesForManualMarking\":[],"
                + "\"archived\":false,\"metadata\":{\"buyerEmail\":\"alice@example.org\",\"dollars\":\"5.00\"}}",
                path + "/payment-methods", "[{\"paymentMethodId\":\"BTC-CHAIN\",\"currency\":\"BTC\","
                + "\"destination\":\"bc1qe2e\",\"paymentLink\":\"bitcoin:bc1qe2e\",\"rate\":\"40000.00\","
                + "\"paymentMethodPaid\":\"0.0001\",\"totalPaid\":\"0.0001\",\"due\":\"0.000025\","
                + "\"amount\":\"0.000125\",\"paymentMethodFee\":\"0.00\",\"payments\":[],\"activated\":true,"
                + "\"additionalData\":{}}]");
        HttpServer server = HttpServer.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", exchange -> {
            String answer = answers.get(exchange.getRequestURI().getRawPath());
            int status = !"GET".equals(exchange.getRequestMethod()) ? 405
                    : !("token " + BTCPAY_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                    : answer == null ? 404 : 200;
            byte[] body = (status == 200 ? answer : "{\"code\":\"error\",\"message\":\"" + status + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String balance() throws Exception {
        StoaInstance.Result result = stoa.stoa("account:balance", ALICE);
        assertEquals(0, result.exit(), result.output());
        return result.output();
    }

    private static String counts() throws Exception {
        return stoa.sql("SELECT (SELECT count(*) FROM payments) || '/' || (SELECT count(*) FROM payment_audit) || '/' "
                + "|| (SELECT count(*) FROM payment_sessions) || '/' || (SELECT count(*) FROM payment_events) || '/' "
                + "|| (SELECT count(*) FROM payments WHERE invalidated)");
    }

    private static HttpResponse<String> post(String provider, String header, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stoa.http() + "/payments/webhooks/" + provider))
                .header("Content-Type", "application/json").header(header, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
