package org.stoa.connections;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Lets clients into worlds: registered by the bundle that owns worlds and users. Without one,
 * every world is unknown to the WebSocket endpoint.
 */
@ConsumerType
public interface Authenticator {

    /** Whether a world with this id exists. */
    boolean worldExists(String worldId);

    /**
     * Checks the body of an {@code authenticate} action ({@code {"token": ...}} or
     * {@code {"client_id": ...}}) and creates or updates the user.
     *
     * @throws ActionException with the venueless code ({@code auth.missing_id_or_token},
     *                         {@code auth.invalid_token}, {@code auth.expired_token},
     *                         {@code auth.denied}, {@code auth.missing_token})
     */
    Authentication authenticate(String worldId, JsonNode body) throws ActionException;

    /**
     * {@link #authenticate} without holding the caller's thread: the socket's thread is Jetty's,
     * and an authenticator that waits for the database (a crowd's logins written together) would
     * hold one per login. The stage fails with the {@link ActionException} when the client is
     * refused. By default the answer of {@link #authenticate}, given at once.
     */
    default CompletionStage<Authentication> authenticateLater(String worldId, JsonNode body) {
        try {
            return CompletableFuture.completedFuture(authenticate(worldId, body));
        } catch (ActionException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
