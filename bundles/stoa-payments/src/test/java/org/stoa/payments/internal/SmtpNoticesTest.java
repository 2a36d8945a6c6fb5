package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Billing notices to a tiny real SMTP server on a loopback socket. */
class SmtpNoticesTest {

    /** Accepts one session, answering each command with the given reply, and keeps what it was told. */
    private static CompletableFuture<List<String>> server(ServerSocket socket, String rcptReply) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> heard = new ArrayList<>();
            try (Socket s = socket.accept()) {
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
                        reply(out, "250-test\r\n250 AUTH PLAIN");
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

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void aNoticeIsSentAsOneMailWithAuthAndDotStuffing() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> heard = server(socket, "250 ok");
            new SmtpNotices(new PaymentSettings.Smtp("127.0.0.1", socket.getLocalPort(), "billing@example.org", "stoa", "s3cret"))
                    .deliver(7, "alice@example.org", "Your balance", "Line one\n.starts with a dot");

            List<String> lines = heard.get(10, TimeUnit.SECONDS);
            assertEquals("EHLO stoa", lines.get(0));
            assertEquals("AUTH PLAIN " + Base64.getEncoder().encodeToString("\0stoa\0s3cret".getBytes(StandardCharsets.UTF_8)), lines.get(1));
            assertEquals("MAIL FROM:<billing@example.org>", lines.get(2));
            assertEquals("RCPT TO:<alice@example.org>", lines.get(3));
            assertEquals("DATA", lines.get(4));
            assertTrue(lines.contains("Subject: Your balance"), lines.toString());
            assertTrue(lines.contains("To: alice@example.org"), lines.toString());
            assertTrue(lines.contains("Message-ID: <billing-notice-7.billing@example.org>"), lines.toString());
            assertTrue(lines.contains("..starts with a dot"), lines.toString());
            assertEquals("QUIT", lines.get(lines.size() - 1));
        }
    }

    @Test
    void aRefusedRecipientFailsTheDeliverySoItIsRetried() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server(socket, "550 no such user");
            IOException e = assertThrows(IOException.class, () -> new SmtpNotices(
                    new PaymentSettings.Smtp("127.0.0.1", socket.getLocalPort(), "billing@example.org", "", ""))
                    .deliver(1, "gone@example.org", "Your balance", "text"));

            assertEquals("SMTP RCPT TO:<gone@example.org> refused: 550 no such user", e.getMessage());
        }
    }
}
