package org.stoa.tokens.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.Jdbc;
import org.stoa.db.ModuleSchema;
import org.stoa.tokens.LoginLink;
import org.stoa.tokens.LoginLinks;

/** All SQL of short login links. */
@Component(service = LoginLinks.class)
public class LoginLinkRepository implements LoginLinks {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int CODE_LENGTH = 24;

    private final SecureRandom random = new SecureRandom();
    private final DataSource database;

    @Activate
    public LoginLinkRepository(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-tokens)") ModuleSchema schema) {
        this(schema.dataSource());
    }

    LoginLinkRepository(DataSource database) {
        this.database = database;
    }

    @Override
    public LoginLink create(String worldId, String domain, String token, Instant expires) {
        LoginLink link = new LoginLink(newCode(), worldId, domain, token, expires);
        try (Connection c = database.getConnection()) {
            Jdbc.update(c, "INSERT INTO login_links (code, world_id, domain, token, expires) VALUES (?, ?, ?, ?, ?)",
                    link.code(), worldId, domain, token, expires);
            return link;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the login link: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LoginLink> find(String code) {
        try (Connection c = database.getConnection()) {
            return Jdbc.one(c, "SELECT world_id, domain, token, expires FROM login_links WHERE code = ? AND expires > now()",
                    row -> new LoginLink(code, row.getString(1), row.getString(2), row.getString(3),
                            Jdbc.instant(row, "expires")), code);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read login links: " + e.getMessage(), e);
        }
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
