package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * Billing notices to real SMTP servers on loopback: GreenMail (plain and implicit TLS), and a tiny
 * server of our own for what GreenMail does not do (STARTTLS, a refused recipient).
 */
class SmtpNoticesTest {

    /**
     * Accepts one session, answering each command with the given reply, and keeps what it was told
     * (after STARTTLS, which it offers when given a certificate, the rest comes over TLS).
     */
    private static CompletableFuture<List<String>> server(ServerSocket socket, String rcptReply, SSLContext tls) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> heard = new ArrayList<>();
            try (Socket accepted = socket.accept()) {
                Socket s = accepted;
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                reply(out, "220 test ESMTP");
                String line;
                boolean data = false;
                while ((line = in.readLine()) != null) {
                    heard.add(line);
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            reply(out, "250 queued");
                        }
                    } else if (line.startsWith("EHLO")) {
                        reply(out, tls != null && !(s instanceof SSLSocket) ? "250-test\r\n250-STARTTLS\r\n250 AUTH PLAIN"
                                : "250-test\r\n250 AUTH PLAIN");
                    } else if (line.equals("STARTTLS")) {
                        reply(out, "220 go ahead");
                        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
                        secured.setUseClientMode(false);
                        secured.startHandshake();
                        s = secured;
                        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                        out = s.getOutputStream();
                    } else if (line.startsWith("AUTH")) {
                        reply(out, "235 ok");
                    } else if (line.startsWith("RCPT")) {
                        reply(out, rcptReply);
                    } else if (line.equals("DATA")) {
                        data = true;
                        reply(out, "354 go on");
                    } else if (line.equals("QUIT")) {
                        reply(out, "221 bye");
                        break;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                heard.add("server failed: " + e);
            }
            return heard;
        });
    }

    /** A server side of TLS with GreenMail's certificate. */
    private static SSLContext greenMailCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** GreenMail's own certificate: self-signed, no host name, so only an explicit trust accepts it. */
    private static SSLSocketFactory trustingGreenMail() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static GreenMail greenMail(ServerSetup setup) {
        GreenMail mail = new GreenMail(setup.dynamicPort()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser("stoa", "s3cret"));
        mail.start();
        return mail;
    }

    private static PaymentSettings.Smtp smtp(int port, String user, String password, PaymentSettings.Security security) {
        return new PaymentSettings.Smtp("127.0.0.1", port, "billing@example.org", user, password, security);
    }

    @Test
    void aNoticeIsOneMailWithItsOwnIdAndTheBodyAsWritten() throws Exception {
        GreenMail mail = greenMail(ServerSetupTest.SMTP);
        try {
            new SmtpNotices(smtp(mail.getSmtp().getPort(), "stoa", "s3cret", PaymentSettings.Security.NONE))
                    .deliver(7, "alice@example.org", "Your balance", "Line one\n.starts with a dot – 5 €");

            MimeMessage[] received = mail.getReceivedMessages();
            assertEquals(1, received.length);
            MimeMessage notice = received[0];
            assertEquals("Your balance", notice.getSubject());
            assertEquals("billing@example.org", notice.getFrom()[0].toString());
            assertEquals("alice@example.org", notice.getAllRecipients()[0].toString());
            assertEquals("<billing-notice-7.billing@example.org>", notice.getMessageID());
            assertEquals("Line one\r\n.starts with a dot – 5 €", String.valueOf(notice.getContent()).strip());
            assertTrue(notice.getContentType().startsWith("text/plain; charset=UTF-8"), notice.getContentType());
        } finally {
            mail.stop();
        }
    }

    @Test
    void aWrongPasswordFailsTheDeliverySoItIsRetried() {
        GreenMail mail = greenMail(ServerSetupTest.SMTP);
        try {
            IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                    smtp(mail.getSmtp().getPort(), "stoa", "wrong", PaymentSettings.Security.NONE))
                    .deliver(1, "alice@example.org", "Your balance", "text"));

            assertTrue(e.getMessage().startsWith("SMTP delivery to alice@example.org failed: "), e.getMessage());
            assertEquals(0, mail.getReceivedMessages().length);
        } finally {
            mail.stop();
        }
    }

    @Test
    void implicitTlsDeliversToAServerWhoseCertificateIsTrusted() throws Exception {
        GreenMail mail = greenMail(ServerSetupTest.SMTPS);
        try {
            new SmtpNotices(smtp(mail.getSmtps().getPort(), "stoa", "s3cret", PaymentSettings.Security.TLS),
                    trustingGreenMail(), false)
                    .deliver(3, "alice@example.org", "Your balance", "over TLS");

            assertEquals(1, mail.getReceivedMessages().length);
            assertEquals("over TLS", String.valueOf(mail.getReceivedMessages()[0].getContent()).strip());
        } finally {
            mail.stop();
        }
    }

    @Test
    void implicitTlsRefusesACertificateTheJdkDoesNotTrust() {
        GreenMail mail = greenMail(ServerSetupTest.SMTPS);
        try {
            IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                    smtp(mail.getSmtps().getPort(), "stoa", "s3cret", PaymentSettings.Security.TLS))
                    .deliver(4, "alice@example.org", "Your balance", "text"));

            assertTrue(e.getMessage().contains("failed"), e.getMessage());
            assertEquals(0, mail.getReceivedMessages().length);
        } finally {
            mail.stop();
        }
    }

    @Test
    void requiredStartTlsSendsNothingToAServerThatDoesNotOfferIt() {
        GreenMail mail = greenMail(ServerSetupTest.SMTP);
        try {
            IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                    smtp(mail.getSmtp().getPort(), "stoa", "s3cret", PaymentSettings.Security.STARTTLS),
                    trustingGreenMail(), false)
                    .deliver(5, "alice@example.org", "Your balance", "text"));

            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, mail.getReceivedMessages().length);
        } finally {
            mail.stop();
        }
    }

    @Test
    void startTlsSecuresTheSessionBeforeTheCredentialsAndTheMessage() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> heard = server(socket, "250 ok", greenMailCertificate());
            new SmtpNotices(smtp(socket.getLocalPort(), "stoa", "s3cret", PaymentSettings.Security.STARTTLS),
                    trustingGreenMail(), false)
                    .deliver(6, "alice@example.org", "Your balance", "secret-ish");

            List<String> lines = heard.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("EHLO stoa", "STARTTLS", "EHLO stoa"), lines.subList(0, 3), lines.toString());
            assertTrue(lines.get(3).startsWith("AUTH"), lines.toString());
            assertTrue(lines.contains("secret-ish"), lines.toString());
            assertEquals("QUIT", lines.get(lines.size() - 1));
        }
    }

    @Test
    void aRecipientThatIsNotOneBareAddressIsRefusedBeforeAnythingIsSent() {
        GreenMail mail = greenMail(ServerSetupTest.SMTP);
        try {
            for (String to : new String[] {"alice@example.org\r\nRCPT TO:<mallory@example.org>", "Alice <alice@example.org>"}) {
                IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                        smtp(mail.getSmtp().getPort(), "", "", PaymentSettings.Security.NONE))
                        .deliver(8, to, "Your balance", "text"));
                assertEquals("not a mail address: " + to, e.getMessage());
            }
            assertEquals(0, mail.getReceivedMessages().length);
        } finally {
            mail.stop();
        }
    }

    @Test
    void aRefusedRecipientFailsTheDeliverySoItIsRetried() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server(socket, "550 no such user", null);
            IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                    smtp(socket.getLocalPort(), "", "", PaymentSettings.Security.NONE))
                    .deliver(1, "gone@example.org", "Your balance", "text"));

            assertTrue(e.getMessage().startsWith("SMTP delivery to gone@example.org failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("550 no such user"), e.getMessage());
        }
    }
}
