package org.stoa.payments.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Billing notices by SMTP through Jakarta Mail (Eclipse Angus): plain to a relay on this host,
 * STARTTLS (required, not merely tried) or TLS from the first byte, with the server's certificate
 * and host name checked. {@link #deliver} returns only once the server accepted the message, so
 * the outbox marks a notice sent only then.
 */
final class SmtpNotices implements Notices {

    private static final String TIMEOUT_MS = "30000";

    private final PaymentSettings.Smtp smtp;
    private final SSLSocketFactory tls;
    private final boolean checkServerIdentity;

    SmtpNotices(PaymentSettings.Smtp smtp) {
        this(smtp, (SSLSocketFactory) SSLSocketFactory.getDefault(), true);
    }

    /** With the TLS sockets (their trust) given, for a server whose certificate the JDK does not trust. */
    SmtpNotices(PaymentSettings.Smtp smtp, SSLSocketFactory tls, boolean checkServerIdentity) {
        this.smtp = smtp;
        this.tls = tls;
        this.checkServerIdentity = checkServerIdentity;
    }

    @Override
    public void deliver(long id, String to, String subject, String body) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        // Jakarta Mail finds its stream encoders through the context class loader; in OSGi that must see Angus.
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            send(id, to, subject, body);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private void send(long id, String to, String subject, String body) throws IOException {
        boolean implicitTls = smtp.security() == PaymentSettings.Security.TLS;
        String protocol = implicitTls ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(protocol));
        SMTPTransport transport = implicitTls
                ? new SMTPSSLTransport(session, new URLName(protocol, smtp.host(), smtp.port(), null, null, null))
                : new SMTPTransport(session, new URLName(protocol, smtp.host(), smtp.port(), null, null, null));
        try {
            MimeMessage message = message(session, id, to, subject, body);
            transport.connect(smtp.host(), smtp.port(), smtp.user().isEmpty() ? null : smtp.user(),
                    smtp.user().isEmpty() ? null : smtp.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IOException("SMTP delivery to " + to + " failed: " + reasons(e), e);
        } finally {
            closeAfterAcceptance(transport);
        }
    }

    private Properties properties(String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", Integer.toString(smtp.port()));
        p.put(prefix + "localhost", "stoa");
        p.put(prefix + "connectiontimeout", TIMEOUT_MS);
        p.put(prefix + "timeout", TIMEOUT_MS);
        p.put(prefix + "writetimeout", TIMEOUT_MS);
        p.put(prefix + "auth", Boolean.toString(!smtp.user().isEmpty()));
        p.put(prefix + "ssl.socketFactory", tls);
        p.put(prefix + "ssl.checkserveridentity", Boolean.toString(checkServerIdentity));
        if (smtp.security() == PaymentSettings.Security.STARTTLS) {
            // Required: a server (or a man in the middle) that does not offer STARTTLS gets nothing in clear.
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        return p;
    }

    private MimeMessage message(Session session, long id, String to, String subject, String body)
            throws MessagingException, IOException {
        String from = address(smtp.from());
        MimeMessage message = new MimeMessage(session) {
            // The notice's own id, so a mail client drops a notice delivered twice after a lost reply.
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<billing-notice-" + id + "." + from + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(address(to)));
        message.setSubject(subject.replaceAll("[\\r\\n]+", " "), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        // A data source, not a String: text needs no content handler looked up through activation's mailcap.
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(body, "text/plain; charset=UTF-8")));
        message.saveChanges();
        return message;
    }

    /** An address goes into commands and headers: one bare {@code local@domain}, nothing that could end a line. */
    private static String address(String address) throws IOException {
        try {
            InternetAddress parsed = new InternetAddress(String.valueOf(address), true);
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
                throw new AddressException("not a bare address", address);
            }
            return address;
        } catch (AddressException e) {
            throw new IOException("not a mail address: " + address);
        }
    }

    /** The server's replies behind a failure, e.g. {@code Invalid Addresses; 550 no such user}. */
    private static String reasons(MessagingException e) {
        List<String> reasons = new ArrayList<>();
        for (Exception cause = e; cause != null;
                cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            String reason = String.valueOf(cause.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        return String.join("; ", reasons);
    }

    // QUIT's reply does not matter any more once the server took the message: sending it again would repeat it.
    private static void closeAfterAcceptance(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the connection is gone either way
        }
    }
}
