package org.stoa.benchmarks.ws;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/** The HTTP/1.1 upgrade: the request a browser would send, and the check of the server's 101 answer. */
final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int MAX_RESPONSE_HEADER = 16 * 1024;

    private Handshake() {
    }

    static String newKey(SplittableRandom random) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) random.nextInt();
        }
        return Base64.getEncoder().encodeToString(nonce);
    }

    static byte[] request(URI uri, String key) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: http://" + host + "\r\n"
                + "User-Agent: stoa-ws-bench\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Position just after the blank line ending the response header in {@code in}, or -1 if not there yet. */
    static int headerEnd(ByteBuffer in) {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Null if {@code header} accepts the upgrade for {@code key}, else why not (a failure reason). */
    static String check(String header, String key) {
        int eol = header.indexOf("\r\n");
        String status = eol < 0 ? header : header.substring(0, eol);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return "handshake:bad-status-line";
        }
        if (!parts[1].equals("101")) {
            return "handshake:http-" + parts[1];
        }
        String expected = accept(key);
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                return line.substring(colon + 1).trim().equals(expected) ? null : "handshake:bad-accept";
            }
        }
        return "handshake:no-accept";
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
