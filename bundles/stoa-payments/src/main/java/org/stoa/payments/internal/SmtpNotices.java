package org.stoa.payments.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Billing notices by plain SMTP (RFC 5321): EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO,
 * DATA. No TLS: meant for a relay on this host or a trusted network, which forwards the mail.
 * A mail library was not worth a bundle set that resolves in Karaf for five commands.
 */
final class SmtpNotices implements Notices {

    private static final int TIMEOUT_MS = 30_000;

    private final PaymentSettings.Smtp smtp;

    SmtpNotices(PaymentSettings.Smtp smtp) {
        this.smtp = smtp;
    }

    @Override
    public void deliver(long id, String to, String subject, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(smtp.host(), smtp.port()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            Conversation smtpServer = new Conversation(in, out);
            smtpServer.expect(220, null);
            smtpServer.expect(250, "EHLO stoa");
            if (!smtp.user().isEmpty()) {
                String credentials = Base64.getEncoder().encodeToString(
                        ("\0" + smtp.user() + "\0" + smtp.password()).getBytes(StandardCharsets.UTF_8));
                smtpServer.expect(235, "AUTH PLAIN " + credentials);
            }
            smtpServer.expect(250, "MAIL FROM:<" + address(smtp.from()) + ">");
            smtpServer.expect(250, "RCPT TO:<" + address(to) + ">");
            smtpServer.expect(354, "DATA");
            smtpServer.expect(250, message(id, to, subject, body) + "\r\n.");
            smtpServer.send("QUIT");
        }
    }

    private String message(long id, String to, String subject, String body) throws IOException {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(address(smtp.from())).append("\r\n");
        m.append("To: ").append(address(to)).append("\r\n");
        m.append("Subject: ").append(oneLine(subject)).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        m.append("Message-ID: <billing-notice-").append(id).append('.').append(address(smtp.from())).append(">\r\n");
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        for (String line : body.split("\r?\n", -1)) {
            // Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets another.
            m.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        m.setLength(m.length() - 2);
        return m.toString();
    }

    /** An address goes into commands and headers: nothing that could end a line or the address. */
    private static String address(String address) throws IOException {
        if (address == null || !address.matches("[^<>\\s]+@[^<>\\s]+|[^<>\\s@]+")) {
            throw new IOException("not a mail address: " + address);
        }
        return address;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    /** One SMTP session: a command, then the reply code it must get. */
    private record Conversation(BufferedReader in, OutputStream out) {

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends {@code command} (none: just reads the greeting) and reads its reply, which must be {@code code}. */
        void expect(int code, String command) throws IOException {
            if (command != null) {
                send(command);
            }
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("the SMTP server closed the connection");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(Integer.toString(code))) {
                String what = command == null ? "greeting" : command.startsWith("AUTH") ? "AUTH PLAIN"
                        : command.contains("\r\n") ? "message" : command;
                throw new IOException("SMTP " + what + " refused: " + line);
            }
        }
    }
}
