package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Oversized request bodies as an attacker sends them, without logging in: the distribution
 * answers 413 without reading them (a declared length at once, a chunked body once it passes
 * the limit), and afterwards answers an ordinary request as before.
 */
class BodyLimitTest {

    private static final int OFFSET = 6000;
    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("body-limit", OFFSET, Map.of("STOA_STRIPE_SIGNING_SECRET", "whsec_e2e"));
        stoa.start();
        stoa.awaitCoreSchema(Duration.ofMinutes(3));
        // The webhook application is up once a small unsigned event gets its 400.
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (webhook("{}").statusCode() != 400 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    void aWebhookDeclaring64MiBIsRefusedBeforeItsBodyIsSent() throws Exception {
        String status = declared(stoa.http(), "POST", "/payments/webhooks/stripe", 64L << 20);
        assertEquals("HTTP/1.1 413 Payload Too Large", status);
        assertSmallWebhookAnswered();
    }

    @Test
    void aChunkedWebhookBodyPastTheLimitIsRefused() throws Exception {
        String status = chunked("POST", "/payments/webhooks/stripe", 8 << 20);
        assertEquals("HTTP/1.1 413 Payload Too Large", status);
        assertSmallWebhookAnswered();
    }

    @Test
    void anApiBodyDeclaringMoreThan1MiBIsRefused() throws Exception {
        assertEquals("HTTP/1.1 413 Payload Too Large", declared(stoa.http(), "PATCH", "/api/v1/worlds/none/", (1L << 20) + 1));
        // Without a token of the world the API answers before it reads a body at all.
        assertEquals("HTTP/1.1 404 Not Found", chunked("PATCH", "/api/v1/worlds/none/", 8 << 20));
        assertSmallWebhookAnswered();
    }

    @Test
    void aWebhookBodyUnderTheLimitIsStillRead() throws Exception {
        HttpResponse<String> answer = webhook("{\"pad\":\"" + "x".repeat(60 * 1024) + "\"}");
        assertEquals(400, answer.statusCode(), answer.body());
    }

    private static void assertSmallWebhookAnswered() throws Exception {
        HttpResponse<String> answer = webhook("{}");
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Stripe-Signature"), answer.body());
    }

    private static HttpResponse<String> webhook(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stoa.http() + "/payments/webhooks/stripe"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends the head of a request declaring {@code length} bytes and the first 64 KiB of its body,
     * as a client uploading that much does; the status line answered while the rest is unsent.
     * (Jetty hands a request on only once some body has come, so the head alone would wait.)
     */
    static String declared(String http, String method, String path, long length) throws Exception {
        try (Socket socket = connect(http)) {
            // Far less than the server's idle timeout (30 s): an answer only once the server gave up
            // waiting for the rest of the body is not what is wanted.
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            head(out, method, path, "Content-Length: " + length);
            byte[] start = new byte[64 * 1024];
            java.util.Arrays.fill(start, (byte) ' ');
            out.write(start);
            out.flush();
            return statusLine(socket);
        }
    }

    /** Streams {@code total} bytes of chunked body until the server answers; the status line answered. */
    private static String chunked(String method, String path, int total) throws Exception {
        try (Socket socket = connect(stoa.http())) {
            OutputStream out = socket.getOutputStream();
            head(out, method, path, "Transfer-Encoding: chunked");
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int sent = 0; sent < total; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedByServer) {
                // The server answered and closed while the body was still coming: what we want to read.
            }
            return statusLine(socket);
        }
    }

    private static Socket connect(String base) throws Exception {
        URI http = URI.create(base);
        Socket socket = new Socket(http.getHost(), http.getPort());
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static void head(OutputStream out, String method, String path, String framing) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        return in.readLine();
    }
}
