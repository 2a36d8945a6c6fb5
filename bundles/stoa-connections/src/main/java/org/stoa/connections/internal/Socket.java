package org.stoa.connections.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Authentication;
import org.stoa.connections.Authenticator;
import org.stoa.connections.Client;
import org.stoa.connections.WorldEvent;

/**
 * One client's WebSocket, speaking the venueless protocol: frames are JSON arrays
 * {@code [action, id, body]} or {@code [action, body]}; {@code ping} and {@code authenticate} are
 * handled here, everything else goes to the handler of its namespace once the client is in.
 */
final class Socket implements WebSocketListener, Client, Controllable {

    private static final Logger LOG = LoggerFactory.getLogger(Socket.class);

    /** Writes a client has not taken yet before it counts as gone; a browser reads far faster. */
    private static final int MAX_PENDING_WRITES = 1000;

    /**
     * What a pong echoes at most, in characters of JSON: a client pings with a timestamp or a
     * counter, and an echo is sent before login, so it must not be a way to make the server
     * hold a client's megabytes.
     */
    static final int MAX_PING_ECHO_CHARS = 1024;

    /**
     * The same frame for every socket a force-reload reaches: written once, not serialized again
     * for each of a node's tens of thousands of sockets.
     */
    private static final String RELOAD_FRAME = "[\"connection.reload\",{}]";

    private final String id = UUID.randomUUID().toString();
    private final long openedNanos = System.nanoTime();
    private final String worldId;
    private final Endpoint endpoint;
    private final RateLimit rateLimit;
    private final AtomicInteger pendingWrites = new AtomicInteger();
    /** Characters of the pending writes, a measure of the memory they hold. */
    private final AtomicLong pendingChars = new AtomicLong();
    private volatile Session session;
    private volatile String userId;
    private volatile boolean closed;
    private volatile Map<String, Object> attributes;
    /**
     * Held around every call into a handler for this socket (an action, an event, the close), so
     * a handler sees this client's calls one at a time, as {@link ActionHandler} promises.
     */
    private final Object handlerCalls = new Object();
    /**
     * The client's frames that came while its login was being stored, in order: the login's
     * answer is sent from another thread (no Jetty thread waits for the database), and what the
     * client sent after {@code authenticate} is handled after that answer, as when the login was
     * answered on the thread that read it. Bounded by the rate limit, which counts them as they come.
     * Guarded by itself, with {@link #loginPending}.
     */
    /**
     * Held by the close and by a login's answer: the answer comes on another thread than the
     * close, and a socket must not be counted online after its close has let go of it.
     */
    private final Object lifecycle = new Object();
    private final ArrayDeque<String> heldFrames = new ArrayDeque<>();
    private boolean loginPending;
    private int loginsStarted;

    Socket(String worldId, Endpoint endpoint) {
        this.worldId = worldId;
        this.endpoint = endpoint;
        this.rateLimit = new RateLimit(endpoint.config().messagesPerSecond(), endpoint.config().messageBurst(),
                openedNanos);
    }

    // --- Client, for handlers

    @Override
    public String socketId() {
        return id;
    }

    @Override
    public String worldId() {
        return worldId;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> current = attributes;
        if (current == null) {
            synchronized (this) {
                if (attributes == null) {
                    attributes = new ConcurrentHashMap<>(4);
                }
                current = attributes;
            }
        }
        return current;
    }

    @Override
    public void reply(Action action, JsonNode data) {
        send(response("success", action == null ? null : action.id(), data == null ? endpoint.json().createObjectNode() : data));
    }

    @Override
    public void push(String event, JsonNode payload) {
        ArrayNode frame = endpoint.json().createArrayNode();
        frame.add(event);
        frame.add(payload == null ? endpoint.json().createObjectNode() : payload);
        send(frame);
    }

    @Override
    public long openedNanos() {
        return openedNanos;
    }

    boolean isAuthenticated() {
        return userId != null;
    }

    // --- Jetty

    @Override
    public void onWebSocketConnect(Session newSession) {
        this.session = newSession;
        endpoint.sockets().opened(this);
        Authenticator authenticator = endpoint.authenticator().get();
        boolean known;
        try {
            known = authenticator != null && authenticator.worldExists(worldId);
        } catch (RuntimeException e) {
            fatal(null, e);
            return;
        }
        if (!known) {
            error(null, new ActionException("world.unknown_world"));
            closeNow(StatusCode.NORMAL, null);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        if (closed) {
            return;
        }
        endpoint.sockets().messagesIn.increment();
        if (!admitted()) {
            return;
        }
        synchronized (heldFrames) {
            if (loginPending) {
                heldFrames.add(text);
                return;
            }
        }
        handle(text);
    }

    /** One text frame, admitted and not held. */
    private void handle(String text) {
        JsonNode message;
        try {
            message = endpoint.json().readTree(text);
        } catch (StreamConstraintsException e) {
            error(null, new ActionException("protocol.invalid", FrameJson.REFUSAL));
            return;
        } catch (JsonProcessingException e) {
            error(null, new ActionException("protocol.invalid", "A message must be JSON"));
            return;
        }
        if (message == null || !message.isArray() || message.size() < 1 || message.size() > 3
                || !message.get(0).isTextual()) {
            error(null, new ActionException("protocol.invalid",
                    "A message must be a JSON array: [action, id, body] or [action, body]"));
            return;
        }
        Action action = new Action(message.get(0).asText(),
                message.size() == 3 ? message.get(1) : null,
                message.size() == 1 ? NullNode.getInstance() : message.get(message.size() - 1));
        try {
            dispatch(action);
        } catch (ActionException e) {
            error(action.id(), e);
        } catch (RuntimeException e) {
            fatal(action.id(), e);
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        // Counted like text: each answer is a frame written, and a flood of binary frames was answered in full.
        if (closed || !admitted()) {
            return;
        }
        error(null, new ActionException("protocol.invalid", "Binary messages are not supported: send JSON as text"));
    }

    /** Whether the client's message is within its rate; the first dropped one in a while is told why. */
    private boolean admitted() {
        long now = System.nanoTime();
        if (rateLimit.allow(now)) {
            return true;
        }
        if (rateLimit.warn(now)) {
            error(null, new ActionException("protocol.rate_limited", "Too many messages: at most "
                    + endpoint.config().messagesPerSecond() + " a second; messages over the limit are dropped"));
        }
        return false;
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        synchronized (lifecycle) {
            closed = true;
            synchronized (heldFrames) {
                heldFrames.clear();
            }
            endpoint.sockets().closed(this);
            if (userId == null) {
                return;
            }
            synchronized (handlerCalls) {
                for (ActionHandler handler : endpoint.router().all()) {
                    try {
                        handler.onClose(this);
                    } catch (RuntimeException e) {
                        LOG.error("WebSocket handler {} failed to release socket {}", handler.getClass().getName(), id, e);
                    }
                }
            }
            endpoint.limits().socketClosed(this);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Oversized messages, idle timeouts and vanished clients end here; Jetty closes the socket
        // with the matching code and onWebSocketClose follows. Nothing for the log above debug.
        LOG.debug("WebSocket {} of world {}: {}", id, worldId, cause.toString());
    }

    // --- the protocol

    private void dispatch(Action action) throws ActionException {
        if (action.name().equals("ping")) {
            // Venueless answers with the second element, whatever the frame's length.
            JsonNode echo = action.id() != null ? action.id() : action.body();
            if (echo.isValueNode() && echo.asText().length() > MAX_PING_ECHO_CHARS
                    || echo.isContainerNode() && echo.toString().length() > MAX_PING_ECHO_CHARS) {
                throw new ActionException("protocol.invalid",
                        "A ping carries at most " + MAX_PING_ECHO_CHARS + " characters");
            }
            push("pong", echo);
            return;
        }
        if (userId == null) {
            if (action.name().equals("authenticate")) {
                authenticate(action);
            } else {
                throw new ActionException("protocol.unauthenticated");
            }
            return;
        }
        String namespace = action.namespace();
        ActionHandler handler = endpoint.router().handler(namespace);
        if (handler == null) {
            throw new ActionException("protocol.unknown_command");
        }
        boolean handled;
        synchronized (handlerCalls) {
            handled = handler.handle(this, action);
        }
        if (!handled) {
            throw new ActionException(namespace + ".unsupported_command");
        }
    }

    private void authenticate(Action action) throws ActionException {
        Authenticator authenticator = endpoint.authenticator().get();
        if (authenticator == null) {
            throw new ActionException("world.unknown_world");
        }
        synchronized (heldFrames) {
            loginPending = true;
            loginsStarted++;
        }
        CompletionStage<Authentication> login;
        try {
            login = authenticator.authenticateLater(worldId, action.body());
        } catch (RuntimeException e) {
            login = CompletableFuture.failedFuture(e);
        }
        login.whenComplete((in, failure) -> {
            try {
                loggedIn(action, in, failure);
            } finally {
                handleHeldFrames();
            }
        });
    }

    /** The outcome of the client's authenticate: on the authenticator's thread, not Jetty's. */
    private void loggedIn(Action action, Authentication in, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ActionException refused) {
            endpoint.sockets().authenticationFailed(refused.code());
            error(action.id(), refused);
            return;
        }
        if (cause != null) {
            fatal(action.id(), cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
            return;
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                if (!in.attributes().isEmpty()) {
                    attributes().putAll(in.attributes());
                }
                userId = in.userId();
                push("authenticated", in.payload());
                endpoint.sockets().authenticated(this);
                endpoint.limits().opened(this, in.connectionLimit());
            } catch (RuntimeException e) {
                fatal(action.id(), e);
            }
        }
    }

    /**
     * The frames that came while the login was pending, in order; new ones are held until none
     * is left. Another authenticate among them (after a refused one) is pending in turn: its
     * answer handles the rest.
     */
    private void handleHeldFrames() {
        while (true) {
            String next;
            int started;
            synchronized (heldFrames) {
                next = closed ? null : heldFrames.poll();
                if (next == null) {
                    loginPending = false;
                    return;
                }
                started = loginsStarted;
            }
            handle(next);
            synchronized (heldFrames) {
                if (loginsStarted != started) {
                    return;
                }
            }
        }
    }

    /** A handler's event for this socket's world. */
    void deliver(WorldEvent event) {
        if (closed) {
            return;
        }
        ActionHandler handler = endpoint.router().handler(event.namespace());
        try {
            if (handler == null) {
                push(event.type(), event.data());
            } else {
                synchronized (handlerCalls) {
                    handler.onEvent(this, event);
                }
            }
        } catch (RuntimeException e) {
            fatal(null, e);
        }
    }

    // --- server-initiated endings

    /** connections:drop. */
    @Override
    public void drop() {
        closeNow(StatusCode.NORMAL, null);
    }

    /** connections:force-reload: the client is told to reload, and closed RELOAD_GRACE_MILLIS later. */
    @Override
    public void reload() {
        tellToReload();
        closeLater(StatusCode.NORMAL, RELOAD_GRACE_MILLIS);
    }

    /** The first half of {@link #reload()}, for a caller that closes many sockets together after the grace. */
    @Override
    public void tellToReload() {
        sendText(RELOAD_FRAME);
    }

    /** The user opened more sockets than the world allows: this older one goes. */
    void replaced() {
        error(null, new ActionException("connection.replaced", "Connection replaced"));
        closeLater(StatusCode.NORMAL, 500);
    }

    private void fatal(JsonNode actionId, RuntimeException e) {
        LOG.error("WebSocket {} of world {} failed; closing it", id, worldId, e);
        error(actionId, new ActionException("server.fatal", "Fatal Server Error"));
        closeNow(StatusCode.SERVER_ERROR, null);
    }

    void closeNow(int code, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(code, reason);
        }
    }

    private void closeLater(int code, long millis) {
        endpoint.timer().schedule(() -> closeNow(code, null), millis, TimeUnit.MILLISECONDS);
    }

    // --- frames

    private void error(JsonNode actionId, ActionException e) {
        ObjectNode body = endpoint.json().createObjectNode();
        body.put("code", e.code());
        if (e.message() != null) {
            body.put("message", e.message());
        }
        if (e.details() != null) {
            body.set("details", e.details());
        }
        send(response("error", actionId, body));
    }

    private ArrayNode response(String status, JsonNode actionId, JsonNode data) {
        ArrayNode frame = endpoint.json().createArrayNode();
        frame.add(status);
        if (actionId != null) {
            frame.add(actionId);
        }
        frame.add(data);
        return frame;
    }

    private void send(ArrayNode frame) {
        String text;
        try {
            text = endpoint.json().writeValueAsString(frame);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        sendText(text);
    }

    private void sendText(String text) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        endpoint.sockets().messagesOut.increment();
        long size = text.length();
        int writes = pendingWrites.incrementAndGet();
        long before = pendingChars.getAndAdd(size);
        // One message larger than the cap still goes to a client that has read everything before it.
        if (writes > MAX_PENDING_WRITES || before > 0 && before + size > endpoint.config().maxPendingBytes()) {
            written(size);
            disconnect(current, writes - 1, before);
            return;
        }
        current.getRemote().sendString(text, new WriteCallback() {
            @Override
            public void writeSuccess() {
                written(size);
            }

            @Override
            public void writeFailed(Throwable x) {
                written(size);
            }
        });
    }

    private void written(long size) {
        pendingWrites.decrementAndGet();
        pendingChars.addAndGet(-size);
    }

    /**
     * A client that does not read what it is sent is cut off at once: a close frame would queue
     * behind everything it has not read, and hold that memory until the idle timeout.
     */
    private void disconnect(Session current, int writes, long chars) {
        if (closed) {
            return;
        }
        LOG.debug("WebSocket {} does not read what it is sent ({} messages, {} characters); disconnecting it",
                id, writes, chars);
        try {
            current.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("WebSocket {}: disconnect failed: {}", id, e.toString());
        }
    }
}
