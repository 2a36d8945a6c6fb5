package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A WebSocket client as a browser uses the venueless API: JSON text frames, over a real socket. */
final class WsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long {@link #call} waits for an answer. */
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private final AtomicInteger requestIds = new AtomicInteger();

    private WsClient(String url) {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                received.add(JSON.getNodeFactory().textNode("unreadable: " + text));
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    static WsClient open(String httpBase, String world) {
        return new WsClient(httpBase.replace("http://", "ws://") + "/ws/world/" + world + "/");
    }

    WsClient sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    WsClient send(Object... frame) throws Exception {
        return sendText(JSON.writeValueAsString(frame));
    }

    WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next frame, within 10 s. */
    JsonNode next() throws InterruptedException {
        JsonNode frame = received.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    /** The first frame (skipping others) that matches, within the timeout. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within " + timeout);
    }

    /** Frames that arrive within the time, none expected. */
    JsonNode nothingFor(Duration time) throws InterruptedException {
        return received.poll(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting up to the timeout; -1 for an abrupt end. */
    int closeCode(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /**
     * Sends the action with a request id of its own and returns its answer ({@code success} or
     * {@code error}), skipping pushes that arrive meanwhile.
     */
    JsonNode call(String action, Object body) throws Exception {
        int id = requestIds.incrementAndGet();
        send(action, id, body);
        return await(f -> f.size() == 3 && f.get(1).isInt() && f.get(1).asInt() == id
                && (f.get(0).asText().equals("success") || f.get(0).asText().equals("error")), ANSWER);
    }

    /** The body of a {@code success} answer; fails naming the answer otherwise. */
    static JsonNode assertSuccess(JsonNode answer) {
        assertEquals("success", answer.get(0).asText(), answer.toString());
        return answer.get(2);
    }

    static void assertError(String code, JsonNode answer) {
        assertEquals("error", answer.get(0).asText(), answer.toString());
        assertEquals(code, answer.at("/2/code").asText(), answer.toString());
    }

    /** Logs in with a token and returns the {@code authenticated} payload. */
    JsonNode authenticate(String token) throws Exception {
        send("authenticate", java.util.Map.of("token", token));
        JsonNode reply = next();
        if (!"authenticated".equals(reply.get(0).asText())) {
            throw new AssertionError("not authenticated: " + reply);
        }
        return reply.get(1);
    }

    /** Vanishes without a close handshake, as a client whose network went away. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
