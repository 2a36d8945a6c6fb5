package org.stoa.vm.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Mails login links through Jakarta Mail (Eclipse Angus), the library the billing notices use,
 * with the same choices: plain to a local relay, STARTTLS required, or TLS from the first byte.
 */
final class LoginMail {

    private static final String TIMEOUT_MS = "30000";

    private final String host;
    private final int port;
    private final String security;
    private final String from;
    private final String user;
    private final String password;

    LoginMail(ConsoleConfiguration config) {
        host = config.smtpHost().strip();
        port = config.smtpPort();
        security = config.smtpSecurity().strip().toLowerCase(Locale.ROOT);
        from = config.smtpFrom().strip();
        user = config.smtpUser().strip();
        password = config._smtpPassword();
    }

    boolean configured() {
        return !host.isEmpty();
    }

    void send(String to, String link) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        // Jakarta Mail finds its stream encoders through the context class loader; in OSGi that must see Angus.
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            deliver(to, link);
        } catch (MessagingException e) {
            throw new IOException("SMTP delivery to " + to + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private void deliver(String to, String link) throws MessagingException {
        boolean implicitTls = security.equals("tls");
        String protocol = implicitTls ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(protocol));
        URLName url = new URLName(protocol, host, port, null, null, null);
        SMTPTransport transport = implicitTls ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject("Your login link", StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        String body = "Follow this link to log in to your VM hosting account:\n\n" + link + "\n\n"
                + "It works once, for " + Logins.LINK_LIFETIME.toMinutes() + " minutes. If you did not ask for it, "
                + "ignore this mail.\n";
        // A data source, not a String: text needs no content handler looked up through activation's mailcap.
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(body.getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8")));
        message.saveChanges();
        try {
            transport.connect(host, port, user.isEmpty() ? null : user, user.isEmpty() ? null : password);
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            transport.close();
        }
    }

    private Properties properties(String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", host);
        p.put(prefix + "port", Integer.toString(port));
        p.put(prefix + "connectiontimeout", TIMEOUT_MS);
        p.put(prefix + "timeout", TIMEOUT_MS);
        p.put(prefix + "writetimeout", TIMEOUT_MS);
        p.put(prefix + "auth", Boolean.toString(!user.isEmpty()));
        p.put(prefix + "ssl.checkserveridentity", "true");
        if (!security.equals("none") && !security.equals("tls")) {
            // starttls, or a misspelling of it: never send in clear to a server that does not offer it.
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        return p;
    }
}
