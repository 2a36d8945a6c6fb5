package org.stoa.worlds.live;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.ActionException;
import org.stoa.connections.Authentication;
import org.stoa.connections.Authenticator;
import org.stoa.tokens.AccessTokens;
import org.stoa.tokens.TokenClaims;
import org.stoa.tokens.TokenRejectedException;
import org.stoa.worlds.ModerationState;
import org.stoa.worlds.Principal;
import org.stoa.worlds.internal.JsonForms;

/**
 * Lets clients into worlds as venueless does: by a token signed with one of the world's secrets
 * (the user keyed by its {@code uid}, traits from the newest token) or, when the world lets
 * users without traits view it, as a guest keyed by the client's own id.
 */
@Component(service = Authenticator.class)
public class WorldGate implements Authenticator {

    /** Key of the socket's user in {@link org.stoa.connections.Client#attributes()}. */
    static final String USER = "worlds.user";

    /** The users table's limit on a token's uid and a guest's client id. */
    private static final int MAX_KEY_LENGTH = 200;

    private final LiveWorlds live;
    private final AccessTokens tokens;
    private final Logins logins;
    private final JoinPayload join;

    @Activate
    public WorldGate(@Reference LiveWorlds live, @Reference AccessTokens tokens, @Reference JoinPayload join) {
        this.live = live;
        this.tokens = tokens;
        this.join = join;
        this.logins = new Logins(live.transactions(), live.users());
    }

    @Deactivate
    void stop() {
        logins.close();
    }

    @Override
    public boolean worldExists(String worldId) {
        return org.stoa.worlds.WorldService.isValidId(worldId) && live.view(worldId).isPresent();
    }

    @Override
    public Authentication authenticate(String worldId, JsonNode body) throws ActionException {
        WorldView view = live.view(worldId).orElseThrow(() -> new ActionException("world.unknown_world"));
        JsonNode token = body.path("token");
        LiveUser user;
        if (!token.isMissingNode() && !token.isNull()) {
            user = withToken(view, token);
        } else {
            String clientId = body.path("client_id").isTextual() ? body.path("client_id").asText().strip() : "";
            if (clientId.isEmpty()) {
                throw new ActionException("auth.missing_id_or_token");
            }
            if (clientId.length() > MAX_KEY_LENGTH) {
                throw new ActionException("auth.missing_id_or_token", "client_id: at most " + MAX_KEY_LENGTH + " characters");
            }
            user = asGuest(view, clientId);
        }
        Principal principal = user.principal();
        ObjectNode payload = join.build(view, user);
        int limit = view.permissions().hasInWorld(principal, "world:connections.unlimited") ? 0
                : Math.max(0, view.world().connectionLimit());
        return new Authentication(user.id().toString(), limit, payload, java.util.Map.of(USER, user));
    }

    private LiveUser withToken(WorldView view, JsonNode token) throws ActionException {
        TokenClaims claims;
        try {
            claims = tokens.verify(token.isTextual() ? token.asText() : token.toString(), view.world().secrets());
        } catch (TokenRejectedException e) {
            throw new ActionException(e.reason() == TokenRejectedException.Reason.EXPIRED
                    ? "auth.expired_token" : "auth.invalid_token");
        }
        if (claims.uid().length() > MAX_KEY_LENGTH) {
            throw new ActionException("auth.invalid_token", "uid: at most " + MAX_KEY_LENGTH + " characters");
        }
        String world = view.world().id();
        List<String> traits = claims.traits();
        // A token whose traits cannot view the world creates no user (venueless' early out); a
        // user who exists may still hold the world through explicit grants.
        boolean mayView = view.permissions().hasInWorld(Principal.ofTraits(traits), "world:view");
        Optional<LiveUser> user;
        if (mayView) {
            ObjectNode profile = JsonForms.MAPPER.valueToTree(claims.profile());
            user = Optional.of(logins.login(Logins.Login.withToken(world, claims.uid(), traits, profile)));
        } else {
            user = live.inTransaction(c -> live.users().byTokenId(c, world, claims.uid(), traits));
        }
        LiveUser in = user.orElseThrow(() -> new ActionException("auth.denied"));
        requireView(view, in, "auth.denied");
        return in;
    }

    private LiveUser asGuest(WorldView view, String clientId) throws ActionException {
        String world = view.world().id();
        boolean guestsMayView = view.permissions().hasInWorld(Principal.ofTraits(List.of()), "world:view");
        Optional<LiveUser> user = guestsMayView
                ? Optional.of(logins.login(Logins.Login.asGuest(world, clientId)))
                : live.inTransaction(c -> live.users().byClientId(c, world, clientId));
        LiveUser in = user.orElseThrow(() -> new ActionException("auth.missing_token"));
        requireView(view, in, "auth.missing_token");
        return in;
    }

    private static void requireView(WorldView view, LiveUser user, String code) throws ActionException {
        if (user.moderation() == ModerationState.BANNED) {
            throw new ActionException("auth.denied");
        }
        if (!view.permissions().hasInWorld(user.principal(), "world:view")) {
            throw new ActionException(code);
        }
    }
}
