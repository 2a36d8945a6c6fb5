package org.stoa.worlds.rest;

import org.stoa.rest.BearerToken;
import org.stoa.tokens.AccessTokens;
import org.stoa.tokens.TokenClaims;
import org.stoa.tokens.TokenRejectedException;
import org.stoa.worlds.Principal;
import org.stoa.worlds.Room;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldService;
import org.stoa.worlds.internal.Permissions;

/**
 * Who is calling the API: the world named in the URL, and the traits of the bearer token
 * verified against that world's secrets. As in venueless, no user is stored for API calls
 * and only trait-based permissions count; every refusal is 403 with a DRF-style detail.
 */
final class ApiAccess {

    record Caller(World world, Principal principal, Permissions permissions) {

        Caller(World world, Principal principal) {
            this(world, principal, Permissions.of(world));
        }

        /** Refuses unless the caller holds every one of {@code required} at world level. */
        Caller requireAll(String... required) {
            for (String p : required) {
                if (!permissions.hasInWorld(principal, p)) {
                    throw ApiError.forbidden(NO_PERMISSION);
                }
            }
            return this;
        }

        /** Whether the caller holds any of {@code anyOf} at world level. */
        boolean mayAny(String... anyOf) {
            return permissions.hasInWorld(principal, anyOf);
        }

        /** Whether the caller holds {@code permission} in the room (world-level grants count there too). */
        boolean mayIn(Room room, String permission) {
            return permissions.hasInRoom(principal, room.id(), room.traitGrants(), permission);
        }
    }

    static final String NO_PERMISSION = "You do not have permission to perform this action.";

    private final WorldService worlds;
    private final AccessTokens tokens;

    ApiAccess(WorldService worlds, AccessTokens tokens) {
        this.worlds = worlds;
        this.tokens = tokens;
    }

    /** The caller, who must at least hold {@code world:api}. */
    Caller caller(String worldId, String authorization) {
        World world = worlds.find(worldId).orElseThrow(ApiError::notFound);
        TokenClaims claims = verify(world, bearerToken(authorization));
        return new Caller(world, Principal.ofTraits(claims.traits())).requireAll("world:api");
    }

    private TokenClaims verify(World world, String token) {
        try {
            return tokens.verify(token, world.secrets());
        } catch (TokenRejectedException e) {
            throw ApiError.forbidden("Invalid token.");
        }
    }

    private static String bearerToken(String authorization) {
        BearerToken bearer = BearerToken.of(authorization);
        return switch (bearer.shape()) {
            case TOKEN -> bearer.token().orElseThrow();
            case ABSENT -> throw ApiError.forbidden("Authentication credentials were not provided.");
            case EMPTY -> throw ApiError.forbidden("Invalid token header. No credentials provided.");
            case SPACED -> throw ApiError.forbidden("Invalid token header. Token string should not contain spaces.");
        };
    }
}
