package org.stoa.db.embedded.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL speaks it: no channel binding, the user
 * name taken from the startup message. One instance per authentication exchange.
 */
final class ScramSha256 {

    private static final String GS2_HEADER = "n,,";

    private final byte[] password;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] expectedServerSignature;

    ScramSha256(String password) {
        // PostgreSQL applies SASLprep; for ASCII passwords (all Stoa generates) that changes nothing.
        this.password = password.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
        this.clientFirstBare = "n=,r=" + clientNonce;
    }

    String clientFirstMessage() {
        return GS2_HEADER + clientFirstBare;
    }

    /** Answers the server's challenge ({@code r=...,s=...,i=...}) with the client's proof. */
    String clientFinalMessage(String serverFirst) throws GeneralSecurityException {
        Map<String, String> fields = fields(serverFirst);
        String nonce = fields.get("r");
        if (nonce == null || !nonce.startsWith(clientNonce) || !fields.containsKey("s") || !fields.containsKey("i")) {
            throw new GeneralSecurityException("malformed SCRAM challenge from the server");
        }
        byte[] salted = hi(Base64.getDecoder().decode(fields.get("s")), Integer.parseInt(fields.get("i")));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] proof = xor(clientKey, hmac(storedKey, authMessage));
        expectedServerSignature = hmac(hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8)), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Checks the server's final message proves it knows the password too. */
    void verifyServerFinal(String serverFinal) throws GeneralSecurityException {
        String signature = fields(serverFinal).get("v");
        if (signature == null || expectedServerSignature == null
                || !MessageDigest.isEqual(Base64.getDecoder().decode(signature), expectedServerSignature)) {
            throw new GeneralSecurityException("the server's SCRAM signature does not match");
        }
    }

    /**
     * What PostgreSQL stores for {@code password} ({@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey}), so
     * that {@code ALTER ROLE ... PASSWORD} sends no clear text the server could log.
     */
    static String verifier(String password) throws GeneralSecurityException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 4096;
        byte[] salted = new ScramSha256(password).hi(salt, iterations);
        byte[] storedKey = MessageDigest.getInstance("SHA-256")
                .digest(hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8)));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
    }

    /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256, one block. */
    private byte[] hi(byte[] salt, int iterations) throws GeneralSecurityException {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        Mac mac = mac(password);
        byte[] u = mac.doFinal(block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }
}
