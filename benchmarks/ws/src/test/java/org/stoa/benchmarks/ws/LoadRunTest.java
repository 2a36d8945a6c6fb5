package org.stoa.benchmarks.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The generator against a scripted server that fragments, pings, reloads and closes like a real one may. */
class LoadRunTest {
    private record Frame(boolean fin, boolean masked, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    @Test
    void aClientAuthenticatesThroughFragmentsAnswersPingsCountsTheReloadAndTheServersClose() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> script(listener));
            Options o = Options.parse(new String[] {"--connections", "1", "--secret", "s", "--hold", "3s",
                    "--ping-interval", "300ms", "--log-interval", "10s", "--name", "test",
                    "ws://127.0.0.1:" + listener.getLocalPort() + "/ws/world/w/"});
            LoadRun run = new LoadRun(o);
            run.run();
            assertEquals("ok", server.get(10, TimeUnit.SECONDS));
            RunStats s = run.stats();
            assertEquals(1, s.authenticatedTotal);
            assertEquals(0, s.failedTotal, s.failed.toString());
            assertEquals(1, s.serverPings);
            assertTrue(s.pongs >= 1, "pongs " + s.pongs);
            assertEquals(0, s.pingTimeouts);
            assertEquals(1, s.reloads);
            assertEquals(Map.of("1000", 1L), s.closedByServer);
            assertEquals(0, s.open);
        }
    }

    @Test
    void anAuthenticationErrorIsAFailureByItsCode() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> refuse(listener));
            Options o = Options.parse(new String[] {"--connections", "1", "--secret", "s", "--log-interval", "10s",
                    "ws://127.0.0.1:" + listener.getLocalPort() + "/ws/world/w/"});
            LoadRun run = new LoadRun(o);
            run.run();
            assertEquals("ok", server.get(10, TimeUnit.SECONDS));
            assertEquals(Map.of("auth:auth.invalid_token", 1L), run.stats().failed);
            assertEquals(0, run.stats().authenticatedTotal);
        }
    }

    private static String script(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            upgrade(in, out);
            Frame auth = read(in);
            check(auth.masked() && auth.opcode() == Frames.TEXT && auth.text().startsWith("[\"authenticate\", {\"token\": \""),
                    "authenticate: " + auth.text());
            write(out, false, Frames.TEXT, "[\"authenti");
            write(out, true, Frames.PING, "hi");
            write(out, true, Frames.CONTINUATION, "cated\", {\"user.config\": {}}]");
            Frame pong = read(in);
            check(pong.masked() && pong.opcode() == Frames.PONG && pong.text().equals("hi"), "pong to the server's ping");
            Frame ping = read(in);
            check(ping.opcode() == Frames.TEXT && ping.text().startsWith("[\"ping\", "), "ping: " + ping.text());
            write(out, true, Frames.TEXT, "[\"pong\"," + ping.text().substring(9));
            write(out, true, Frames.TEXT, "[\"connection.reload\", {}]");
            out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
            out.flush();
            Frame close;
            do {
                close = read(in);
            } while (close.opcode() != Frames.CLOSE);
            check(close.masked() && close.payload().length == 2, "close reply");
            return "ok";
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }

    private static String refuse(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            upgrade(in, out);
            read(in);
            write(out, true, Frames.TEXT, "[\"error\", {\"code\": \"auth.invalid_token\"}]");
            Frame close = read(in);
            check(close.opcode() == Frames.CLOSE, "the client closes after a refusal");
            out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
            return "ok";
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void upgrade(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
        check(key.find(), "a key in " + head);
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Handshake.accept(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void write(OutputStream out, boolean fin, int opcode, String text) throws IOException {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        out.write((fin ? 0x80 : 0) | opcode);
        out.write(p.length);
        out.write(p);
        out.flush();
    }

    private static Frame read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; masked && i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame((b0 & 0x80) != 0, masked, b0 & 0x0F, payload);
    }
}
