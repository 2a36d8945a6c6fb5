package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.vm.hub.HubException;

/** The hub's client against a real HTTP server playing a spoke that misbehaves in each way the hub must survive. */
class SpokeClientTest {

    private HttpServer spoke;
    private SpokeClient client;

    @BeforeEach
    void spoke() throws IOException {
        spoke = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        spoke.start();
        client = new SpokeClient("spoke1", "http://127.0.0.1:" + spoke.getAddress().getPort(), "t0ken");
    }

    @AfterEach
    void stop() {
        spoke.stop(0);
    }

    @Test
    void anAnswerThatIsNotJsonIsAClearError() {
        answer("/spoke/heartbeat", 200, "<html>proxy error</html>");
        HubException e = assertThrows(HubException.class, client::heartbeat);
        assertEquals("spoke spoke1 answered with something that is not JSON (HTTP 200)", e.getMessage());
    }

    @Test
    void aRefusalCarriesTheSpokesReason() {
        answer("/spoke/vms/capsul-abcdefghij/start", 502, "{\"error\": \"libvirt is down\"}");
        HubException e = assertThrows(HubException.class, () -> client.act("capsul-abcdefghij", "start"));
        assertEquals("spoke spoke1 refused /spoke/vms/capsul-abcdefghij/start (502): libvirt is down", e.getMessage());
    }

    @Test
    void theTokenIsPresentedAsBearer() throws Exception {
        spoke.createContext("/spoke/vms", exchange -> {
            boolean ok = "Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, ok ? 200 : 401, ok ? "{\"vms\": [\"capsul-abcdefghij\"]}" : "{\"error\": \"no\"}");
        });
        assertEquals("capsul-abcdefghij", client.list().path("vms").get(0).asText());
    }

    @Test
    void aSpokeThatDoesNotAnswerInTimeIsNamed() {
        spoke.createContext("/spoke/heartbeat", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "{}");
        });
        SpokeClient impatient = new SpokeClient("spoke1", "http://127.0.0.1:" + spoke.getAddress().getPort(), "t0ken",
                java.time.Duration.ofSeconds(1));
        HubException e = assertThrows(HubException.class, impatient::heartbeat);
        assertEquals("spoke spoke1 did not answer within 1 s", e.getMessage());
    }

    @Test
    void aVmTheSpokeDoesNotHaveIsNoError() throws Exception {
        answer("/spoke/vms/capsul-abcdefghij", 404, "{\"error\": \"no VM\"}");
        assertNull(client.get("capsul-abcdefghij"));
    }

    @Test
    void aSpokeThatIsDownIsNamed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SpokeClient down = new SpokeClient("spoke9", "http://127.0.0.1:" + closed, "t0ken");
        HubException e = assertThrows(HubException.class, down::heartbeat);
        assertTrue(e.getMessage().startsWith("spoke spoke9 is unreachable at http://127.0.0.1:" + closed), e.getMessage());
    }

    private void answer(String path, int status, String body) {
        spoke.createContext(path, exchange -> send(exchange, status, body));
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
