package org.stoa.worlds;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Tokens and links that let people into a world, signed with the world's first secret. */
@ProviderType
public interface AccessLinks {

    /** A JWT for a new user id with these traits, valid for {@code days}. */
    String token(World world, List<String> traits, int days) throws WorldException;

    /** {@code https://<domain>/#token=<JWT>}. */
    String tokenUrl(World world, List<String> traits, int days) throws WorldException;

    /** A stored short link {@code https://<domain>/login/<code>} standing for a new token. */
    String shortUrl(World world, List<String> traits, int days) throws WorldException;
}
