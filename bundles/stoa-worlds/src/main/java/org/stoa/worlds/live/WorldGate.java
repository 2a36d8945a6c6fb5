package org.stoa.worlds.live;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

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

    private static final int AFTER_LOGIN_THREADS = 8;

    private final LiveWorlds live;
    private final AccessTokens tokens;
    private final Logins logins;
    private final JoinPayload join;
    /**
     * Where a stored login becomes the {@code authenticated} answer: not the login writers' own
     * threads (the next batch would wait behind every join payload), not Jetty's (the point is
     * that no socket's thread waits). Several, as the payload reads the database.
     */
    private final ExecutorService afterLogins = Executors.newFixedThreadPool(AFTER_LOGIN_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "stoa-worlds-login");
        thread.setDaemon(true);
        return thread;
    });
    /** Once the pool is stopped, on the completing thread: a client waiting for its answer still gets one. */
    private final Executor after = task -> {
        try {
            afterLogins.execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    };

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
        afterLogins.shutdown(); // what is queued still answers its client
    }

    @Override
    public boolean worldExists(String worldId) {
        return org.stoa.worlds.WorldService.isValidId(worldId) && live.view(worldId).isPresent();
    }

    @Override
    public Authentication authenticate(String worldId, JsonNode body) throws ActionException {
        try {
            return authenticateLater(worldId, body).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ActionException refused) {
                throw refused;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The token or client id is checked on the caller's thread; the login is queued for the
     * writers and the rest (the world's view check, the join payload) follows on this gate's own
     * threads once it is stored, so no socket's thread waits for the database.
     */
    @Override
    public CompletionStage<Authentication> authenticateLater(String worldId, JsonNode body) {
        try {
            WorldView view = live.view(worldId).orElseThrow(() -> new ActionException("world.unknown_world"));
            JsonNode token = body.path("token");
            if (!token.isMissingNode() && !token.isNull()) {
                return withToken(view, token).thenApplyAsync(user -> let(view, user, "auth.denied"), after);
            }
            String clientId = body.path("client_id").isTextual() ? body.path("client_id").asText().strip() : "";
            if (clientId.isEmpty()) {
                throw new ActionException("auth.missing_id_or_token");
            }
            if (clientId.length() > MAX_KEY_LENGTH) {
                throw new ActionException("auth.missing_id_or_token", "client_id: at most " + MAX_KEY_LENGTH + " characters");
            }
            return asGuest(view, clientId).thenApplyAsync(user -> let(view, user, "auth.missing_token"), after);
        } catch (ActionException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The user found or stored (none: refused with the code), let in if they may view the world. */
    private Authentication let(WorldView view, Optional<LiveUser> found, String code) {
        try {
            LiveUser user = found.orElseThrow(() -> new ActionException(code));
            requireView(view, user, code);
            Principal principal = user.principal();
            ObjectNode payload = join.build(view, user);
            int limit = view.permissions().hasInWorld(principal, "world:connections.unlimited") ? 0
                    : Math.max(0, view.world().connectionLimit());
            return new Authentication(user.id().toString(), limit, payload, java.util.Map.of(USER, user));
        } catch (ActionException e) {
            throw new CompletionException(e);
        }
    }

    private CompletableFuture<Optional<LiveUser>> withToken(WorldView view, JsonNode token) throws ActionException {
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
        if (mayView) {
            ObjectNode profile = JsonForms.MAPPER.valueToTree(claims.profile());
            return logins.loginLater(Logins.Login.withToken(world, claims.uid(), traits, profile)).thenApply(Optional::of);
        }
        return CompletableFuture.completedFuture(
                live.inTransaction(c -> live.users().byTokenId(c, world, claims.uid(), traits)));
    }

    private CompletableFuture<Optional<LiveUser>> asGuest(WorldView view, String clientId) {
        String world = view.world().id();
        boolean guestsMayView = view.permissions().hasInWorld(Principal.ofTraits(List.of()), "world:view");
        return guestsMayView
                ? logins.loginLater(Logins.Login.asGuest(world, clientId)).thenApply(Optional::of)
                : CompletableFuture.completedFuture(live.inTransaction(c -> live.users().byClientId(c, world, clientId)));
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
