package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A VM customer in headless Chromium on the assembled distribution: logs in by the link a real
 * SMTP server received, adds an SSH key, is refused a VM without balance, gets a payment, creates
 * a VM on libvirt's test driver and sees it running with its address, stops, starts and deletes
 * it. Another customer cannot see it, and a form without its CSRF token does nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

    private static final int OFFSET = 6500;
    private static final String ALICE = "alice@example.org";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
    private static final Pattern LINK = Pattern.compile("(http://capsul\\.test:\\d+/capsul/auth/magic/[A-Za-z0-9_-]+)");

    private static final String STRIPE_SIGNING_SECRET = "whsec_console_e2e";

    private static StoaInstance stoa;
    private static PaymentProviderStandIn providers;
    private static GreenMail mail;
    private static Path template;
    private static Browser alice;
    private static String console;
    private static String vmId;

    @BeforeAll
    static void start() throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            smtpPort = free.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        providers = new PaymentProviderStandIn();
        console = "http://capsul.test:" + (8181 + OFFSET) + "/capsul";
        stoa = StoaInstance.unpack("console", OFFSET, Map.ofEntries(Map.entry("STOA_LIBVIRT_URI", "test:///default"),
                Map.entry("STOA_SMTP_HOST", "127.0.0.1"), Map.entry("STOA_SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("STOA_CONSOLE_MAIL_FROM", "console@stoa.example.org"), Map.entry("STOA_CONSOLE_BASE_URL", console),
                Map.entry("STOA_BILLING_INTERVAL_SECONDS", "0"), Map.entry("STOA_STRIPE_API_URL", providers.url()),
                Map.entry("STOA_STRIPE_SECRET_KEY", PaymentProviderStandIn.STRIPE_KEY),
                Map.entry("STOA_STRIPE_SIGNING_SECRET", STRIPE_SIGNING_SECRET), Map.entry("STOA_BTCPAY_URL", providers.url()),
                Map.entry("STOA_BTCPAY_STORE_ID", PaymentProviderStandIn.BTCPAY_STORE),
                Map.entry("STOA_BTCPAY_API_KEY", PaymentProviderStandIn.BTCPAY_KEY)));
        stoa.set("etc/org.stoa.spoke.cfg", "reserved_memory_mb", "0");
        stoa.start();
        stoa.awaitStoa(Duration.ofMinutes(3), r -> r.output().matches("(?s).*\\nlocal .* yes .*"), "spoke:list");
        template = Files.createTempFile("debian-12", ".img");
        Files.write(template, new byte[1 << 20]);
        assertEquals(0, stoa.stoa("spoke:template-add", "debian-12.qcow2", template.toString()).exit());
        alice = new Browser("console-alice");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            StoaInstance.closeAll(alice, stoa, providers);
        } finally {
            mail.stop();
            if (template != null) {
                Files.deleteIfExists(template);
            }
        }
    }

    @Test
    @Order(1)
    void aCustomerLogsInByTheMailedLinkAndSeesAnEmptyConsole() throws Exception {
        logIn(alice, ALICE, 1);
        assertTrue(alice.bodyText().contains("You have no VMs yet."), alice.bodyText());
        assertTrue(alice.bodyText().contains("Balance: $0.00"), alice.bodyText());
        Cookie session = alice.driver().manage().getCookieNamed("capsul_session");
        assertTrue(session.isHttpOnly(), "HttpOnly");
        assertEquals("Lax", session.getSameSite());
        assertEquals("1", stoa.sql("SELECT count(*) FROM accounts WHERE email = 'alice@example.org'"), "made on first login");

        HttpResponse<String> page = get("/console/", session.getValue());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
    }

    @Test
    @Order(2)
    void aFollowedLinkDoesNotLogInTwice() throws Exception {
        String used = LINK.matcher(GreenMailUtil.getBody(mail.getReceivedMessages()[0]).replace("=\r\n", "")).results()
                .findFirst().orElseThrow().group(1);
        try (Browser thief = new Browser("console-thief")) {
            thief.open(used);
            thief.withText("h1", "Link not valid");
            assertTrue(thief.bodyText().contains("This login link was used already"), thief.bodyText());
        }
    }

    @Test
    @Order(3)
    void theCustomerAddsAnSshKeyAndABadOneIsRefusedNextToTheField() {
        alice.open(console + "/console/ssh");
        alice.driver().findElement(By.id("name")).sendKeys("broken");
        alice.driver().findElement(By.id("content")).sendKeys("not a key");
        alice.click("button", "Add key");
        // The spoke's own rule, checked once by the hub: the message names what is wrong.
        assertEquals("SSH key broken is not an OpenSSH public key: type \"not\" is not one of ssh-ed25519, ssh-rsa, "
                + "ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, sk-ssh-ed25519@openssh.com, "
                + "sk-ecdsa-sha2-nistp256@openssh.com",
                alice.await("the key's error", d -> d.findElement(By.id("key-error"))).getText());

        alice.driver().findElement(By.id("name")).clear();
        alice.driver().findElement(By.id("name")).sendKeys("laptop");
        alice.driver().findElement(By.id("content")).clear();
        alice.driver().findElement(By.id("content")).sendKeys(KEY);
        alice.click("button", "Add key");
        alice.withText(".notice", "SSH key laptop added.");
        assertTrue(alice.bodyText().contains(KEY), alice.bodyText());
    }

    @Test
    @Order(4)
    void withoutBalanceAVmIsRefusedWithTheReason() throws Exception {
        chooseAndCreate("f1-xs");
        WebElement error = alice.await("the size's error", d -> d.findElement(By.id("size-error")));
        assertEquals("Your balance ($0.00) must cover one month of f1-xs ($5.33) before you can create it. Add funds first.",
                error.getText());
        assertEquals("0", stoa.sql("SELECT count(*) FROM vms"));
    }

    @Test
    @Order(5)
    void withAPaymentTheVmIsCreatedAndRunsWithItsAddress() throws Exception {
        assertEquals(0, stoa.stoa("payment:add", ALICE, "20").exit());
        chooseAndCreate("f1-xs");
        alice.withText(".notice", "Your VM was created.");
        vmId = alice.driver().findElement(By.tagName("h1")).getText();
        assertTrue(vmId.matches("capsul-[a-z0-9]{10}"), vmId);
        assertEquals("running", alice.driver().findElement(By.id("state")).getText());
        assertTrue(alice.driver().findElement(By.id("ipv4")).getText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));

        alice.open(console + "/console/");
        assertTrue(alice.bodyText().matches("(?s).*" + vmId + " f1-xs debian12 \\d+\\.\\d+\\.\\d+\\.\\d+ running .*"),
                alice.bodyText());
        assertTrue(alice.bodyText().contains("Balance: $19.82"), alice.bodyText());
    }

    @Test
    @Order(6)
    void anotherCustomerCannotSeeOrActOnTheVm() throws Exception {
        try (Browser bob = new Browser("console-bob")) {
            logIn(bob, "bob@example.org", mail.getReceivedMessages().length + 1);
            assertTrue(bob.bodyText().contains("You have no VMs yet."), bob.bodyText());
            String bobsCsrf = csrf(bob);
            bob.open(console + "/console/" + vmId);
            bob.withText("h1", "Not found");
            String bobsSession = bob.driver().manage().getCookieNamed("capsul_session").getValue();
            HttpResponse<String> stop = post("/console/" + vmId, bobsSession, "action=stop&csrf=" + bobsCsrf);
            assertEquals(404, stop.statusCode());
        }
        alice.open(console + "/console/" + vmId);
        assertEquals("running", alice.driver().findElement(By.id("state")).getText());
    }

    @Test
    @Order(7)
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String session = alice.driver().manage().getCookieNamed("capsul_session").getValue();
        HttpResponse<String> stop = post("/console/" + vmId, session, "action=stop");
        assertEquals(403, stop.statusCode());
        assertTrue(stop.body().contains("This form did not come from your console page"), stop.body());
        HttpResponse<String> forged = post("/console/ssh", session, "action=add&name=evil&content=" + KEY.replace(" ", "+")
                + "&csrf=" + "x".repeat(43));
        assertEquals(403, forged.statusCode());
        assertEquals("1", stoa.sql("SELECT count(*) FROM ssh_public_keys"));
        alice.open(console + "/console/" + vmId);
        assertEquals("running", alice.driver().findElement(By.id("state")).getText());
    }

    @Test
    @Order(8)
    void theCustomerStopsForceStopsStartsAndDeletesTheVmAfterConfirming() {
        alice.open(console + "/console/" + vmId);
        alice.click("button", "Stop");
        alice.await("stopped", d -> d.findElement(By.id("state")).getText().equals("stopped"));
        alice.click("button", "Start");
        alice.await("running again", d -> d.findElement(By.id("state")).getText().equals("running"));
        alice.click("button", "Force stop");
        alice.await("stopped by force", d -> d.findElement(By.id("state")).getText().equals("stopped"));
        alice.click("button", "Start");
        alice.await("running once more", d -> d.findElement(By.id("state")).getText().equals("running"));
        alice.screenshot("vm");
        alice.click("button", "Delete");
        alice.withText("h1", "Delete " + vmId + "?");
        alice.click("button", "Delete it for good");
        alice.withText("h1", "Your VMs");
        assertTrue(alice.bodyText().contains("You have no VMs yet."), alice.bodyText());
    }

    @Test
    @Order(9)
    void theBalancePageShowsPaymentsAndUsage() {
        alice.click("nav a", "Balance");
        alice.withText("h1", "Account balance");
        String text = alice.bodyText();
        assertTrue(text.matches("(?s).*Paid\\s+\\$20\\.00.*Used\\s+\\$0\\.18.*Balance\\s+\\$19\\.82.*"), text);
        assertTrue(text.matches("(?s).*1 \\S+ \\S+ UTC \\$20\\.00 valid.*"), text);
        assertTrue(text.matches("(?s).*" + vmId + " f1-xs .* 1\\.00 \\$0\\.18.*"), text);
        alice.screenshot("balance");
    }

    @Test
    @Order(10)
    void aStripePaymentLandsOnTheCheckoutAndItsSignedWebhookRaisesTheBalance() throws Exception {
        alice.open(console + "/console/account-balance");
        alice.click("a", "Pay by card");
        alice.withText("h1", "Pay by card");
        alice.driver().findElement(By.id("amount")).sendKeys("ten");
        alice.click("button", "Continue to payment");
        assertEquals("not an amount of dollars: ten", alice.await("the amount's error", d -> d.findElement(By.id("amount-error"))).getText());
        assertEquals(0, providers.stripeSessions.size(), "nothing was sent to Stripe");

        alice.driver().findElement(By.id("amount")).clear();
        alice.driver().findElement(By.id("amount")).sendKeys("15");
        alice.click("button", "Continue to payment");
        alice.withText("h1", "Stripe Checkout stand-in");
        assertEquals(providers.url() + "/c/pay/cs_test_e2e1", alice.driver().getCurrentUrl());
        Map<String, String> session = providers.stripeSessions.get(0);
        assertEquals("1500", session.get("line_items[0][price_data][unit_amount]"));
        assertEquals("usd", session.get("line_items[0][price_data][currency]"));
        assertEquals(ALICE, session.get("metadata[email]"));
        assertEquals(ALICE, session.get("customer_email"));
        assertEquals("payment", session.get("mode"));

        String event = "{\"id\":\"evt_console_1\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{"
                + "\"id\":\"cs_test_e2e1\",\"amount_total\":1500,\"currency\":\"usd\",\"payment_status\":\"paid\","
                + "\"metadata\":{\"email\":\"alice@example.org\",\"dollars\":\"15.00\"}}}}";
        long t = java.time.Instant.now().getEpochSecond();
        HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stoa.http() + "/payments/webhooks/stripe")).header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + hmac(STRIPE_SIGNING_SECRET, t + "." + event))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, delivered.statusCode(), delivered.body());

        alice.open(console + "/console/account-balance");
        String text = alice.bodyText();
        assertTrue(text.matches("(?s).*Paid\\s+\\$35\\.00.*Balance\\s+\\$34\\.82.*"), text);
        assertTrue(text.matches("(?s).*2 \\S+ \\S+ UTC \\$15\\.00 valid.*"), text);
    }

    @Test
    @Order(11)
    void aBitcoinPaymentLandsOnTheBtcpayInvoice() {
        alice.open(console + "/console/account-balance");
        alice.click("a", "Pay with Bitcoin");
        alice.driver().findElement(By.id("amount")).sendKeys("12.50");
        alice.click("button", "Continue to payment");
        alice.withText("h1", "BTCPay invoice stand-in");
        assertEquals(providers.url() + "/i/inv-e2e-1", alice.driver().getCurrentUrl());
        assertEquals("12.50", providers.btcpayInvoices.get(0).path("amount").asText());
        assertEquals(ALICE, providers.btcpayInvoices.get(0).path("metadata").path("buyerEmail").asText());
        assertEquals("12.50", providers.btcpayInvoices.get(0).path("metadata").path("dollars").asText());
    }

    @Test
    @Order(12)
    void theCustomerDeletesAKeyAndLogsOut() {
        alice.open(console + "/console/ssh");
        alice.click("button", "Delete laptop");
        alice.withText(".notice", "SSH key laptop deleted.");
        assertTrue(alice.bodyText().contains("You have no SSH keys yet."), alice.bodyText());
        alice.click("button", "Log out alice@example.org");
        alice.withText("h1", "Log in");
        alice.open(console + "/console/");
        alice.withText("h1", "Log in");
    }

    private static String hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** From the login page to the console, through the link that arrived as mail number {@code mailNumber}. */
    private static void logIn(Browser browser, String email, int mailNumber) throws Exception {
        browser.open(console + "/console/");
        browser.withText("h1", "Log in");
        browser.driver().findElement(By.id("email")).sendKeys(email);
        browser.click("button", "Send me a login link");
        browser.withText("h1", "Check your mail");
        assertTrue(mail.waitForIncomingEmail(Duration.ofMinutes(1).toMillis(), mailNumber), "no login mail arrived");
        MimeMessage message = mail.getReceivedMessages()[mailNumber - 1];
        assertEquals(email, message.getAllRecipients()[0].toString());
        assertEquals("console@stoa.example.org", message.getFrom()[0].toString());
        assertEquals("Your login link", message.getSubject());
        Matcher link = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
        assertTrue(link.find(), GreenMailUtil.getBody(message));
        browser.open(link.group(1));
        browser.withText("h1", "Your VMs");
        browser.screenshot("console-" + email.substring(0, email.indexOf('@')));
    }

    private static void chooseAndCreate(String size) {
        alice.open(console + "/console/create");
        alice.driver().findElement(By.cssSelector("input[name=size][value=" + size + "]")).click();
        new Select(alice.driver().findElement(By.id("os"))).selectByValue("debian12");
        alice.driver().findElement(By.cssSelector("input[name=ssh_key][value=laptop]")).click();
        alice.click("button", "Create");
    }

    private static String csrf(Browser browser) {
        return browser.driver().findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
    }

    private static HttpResponse<String> get(String path, String session) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stoa.http() + "/capsul" + path))
                .header("Cookie", "capsul_session=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String session, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stoa.http() + "/capsul" + path))
                .header("Cookie", "capsul_session=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
