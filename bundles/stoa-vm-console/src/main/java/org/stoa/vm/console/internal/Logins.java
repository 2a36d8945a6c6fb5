package org.stoa.vm.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.stoa.db.Transactions;

/**
 * Logging in by a mailed link, as capsul does: a link is good once, for 20 minutes, and an
 * address gets at most 3 of them per 20 minutes. Following one opens a session that lasts
 * {@code sessionLength}; sessions and links live in the database, so any hub honours them.
 */
final class Logins {

    /** A logged-in browser: {@code token} is its cookie, {@code csrf} what its forms carry. */
    record Session(String token, String email, String csrf) {
    }

    static final Duration LINK_LIFETIME = Duration.ofMinutes(20);
    static final int LINKS_PER_LIFETIME = 3;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Transactions<ConsoleException> transactions;
    private final Clock clock;
    private final Duration sessionLength;
    private final LoginTokenRepository links = new LoginTokenRepository();
    private final SessionRepository sessions = new SessionRepository();

    Logins(DataSource database, Clock clock, Duration sessionLength) {
        this.transactions = new Transactions<>(database, ConsoleException::new);
        this.clock = clock;
        this.sessionLength = sessionLength;
    }

    /** The address as accounts keep it (lower case), or a refusal a person can act on. */
    static String address(String email) throws ConsoleException {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new ConsoleException("Enter an email address such as you@example.org.");
        }
        return address;
    }

    /** A new login link's token for the address; refused beyond the limit. */
    String issue(String email) throws ConsoleException {
        String address = address(email);
        Instant now = clock.instant();
        return transactions.inTransaction(c -> {
            links.lockAddress(c, address);
            if (links.issuedSince(c, address, now.minus(LINK_LIFETIME)) >= LINKS_PER_LIFETIME) {
                throw new ConsoleException("Too many logins: " + LINKS_PER_LIFETIME + " links were sent to this address in the last "
                        + LINK_LIFETIME.toMinutes() + " minutes. Use one of them, or try again later.");
            }
            String token = Secrets.token();
            links.insert(c, Secrets.sha256(token), address, now);
            return token;
        });
    }

    /** The address a link was sent to, once: empty when it is unknown, used or expired. */
    Optional<String> redeem(String token) throws ConsoleException {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(c -> links.use(c, Secrets.sha256(token), now.minus(LINK_LIFETIME), now));
    }

    /** A new session of an existing account. */
    Session open(String email) throws ConsoleException {
        Session session = new Session(Secrets.token(), email, Secrets.token());
        Instant now = clock.instant();
        transactions.inTransaction(c -> {
            sessions.insert(c, Secrets.sha256(session.token()), email, session.csrf(), now, now.plus(sessionLength));
            return null;
        });
        return session;
    }

    /** The session a cookie names while it lasts. */
    Optional<Session> session(String token) throws ConsoleException {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(c -> sessions.live(c, Secrets.sha256(token), now))
                .map(row -> new Session(token, row[0], row[1]));
    }

    void close(String token) throws ConsoleException {
        transactions.inTransaction(c -> {
            sessions.delete(c, Secrets.sha256(token));
            return null;
        });
    }

    /** Forgets expired sessions and links; returns how many rows went. */
    int forgetExpired() throws ConsoleException {
        Instant now = clock.instant();
        return transactions.inTransaction(c -> sessions.deleteExpired(c, now) + links.deleteOlderThan(c, now.minus(LINK_LIFETIME)));
    }
}
