package org.stoa.worlds.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.tokens.AccessTokens;
import org.stoa.tokens.JwtSecret;
import org.stoa.tokens.LoginLinks;
import org.stoa.worlds.AccessLinks;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;

/** Signs tokens with a world's first secret and wraps them in the links operators hand out. */
@Component(service = AccessLinks.class)
public class WorldAccessLinks implements AccessLinks {

    /** A hundred years: longer than any event, and far inside what a timestamp column holds. */
    static final int MAX_DAYS = 36_500;

    @Reference
    private AccessTokens tokens;

    @Reference
    private LoginLinks loginLinks;

    @Override
    public String token(World world, List<String> traits, int days) throws WorldException {
        if (days < 1 || days > MAX_DAYS) {
            throw new WorldException("--days must be from 1 to " + MAX_DAYS);
        }
        List<JwtSecret> secrets = world.secrets();
        if (secrets.isEmpty()) {
            throw new WorldException("world " + world.id() + " has no JWT_secrets to sign tokens with");
        }
        return tokens.issue(secrets.get(0), UUID.randomUUID().toString(), traits, Map.of(), Duration.ofDays(days));
    }

    @Override
    public String tokenUrl(World world, List<String> traits, int days) throws WorldException {
        return requireDomain(world) + "/#token=" + token(world, traits, days);
    }

    @Override
    public String shortUrl(World world, List<String> traits, int days) throws WorldException {
        requireDomain(world);
        String token = token(world, traits, days);
        return loginLinks.create(world.id(), world.domain(), token, Instant.now().plus(Duration.ofDays(days)))
                .shortUrl();
    }

    private static String requireDomain(World world) throws WorldException {
        if (world.url().isEmpty()) {
            throw new WorldException("world " + world.id() + " has no domain; give it one with "
                    + "world:import-config --domain or PATCH /api/v1/worlds/" + world.id() + "/");
        }
        return world.url();
    }
}
