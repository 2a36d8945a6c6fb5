package org.stoa.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The operator's credential for the local SSH console: an RSA key pair made on first start.
 * The private key lives in {@code etc/stoa.key}, readable only by the installing user; the
 * public key is the {@code stoa} login in {@code etc/keys.properties}. There is no password
 * login at all.
 */
public final class OperatorKey {

    static final String USER = "stoa";
    static final String KEY_FILE = "stoa.key";
    static final String KEYS_PROPERTIES = "keys.properties";
    private static final String ADMIN_GROUP = "_g_:admingroup";

    private OperatorKey() {
    }

    /** {@code java -cp stoa-cli.jar org.stoa.cli.OperatorKey ETC_DIR}: creates the key unless it exists. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: OperatorKey ETC_DIR");
            System.exit(2);
        }
        if (ensure(Path.of(args[0]))) {
            System.out.println("Created the operator key " + Path.of(args[0]).resolve(KEY_FILE)
                    + " (used by bin/stoa; readable only by you).");
        }
    }

    /** Makes the key pair and the login unless the key exists; returns whether it made them. */
    static boolean ensure(Path etc) throws IOException, GeneralSecurityException {
        Path keyFile = etc.resolve(KEY_FILE);
        if (Files.exists(keyFile)) {
            return false;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path partial = etc.resolve(KEY_FILE + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, pem, StandardOpenOption.TRUNCATE_EXISTING);
        authorize(etc.resolve(KEYS_PROPERTIES), (RSAPublicKey) pair.getPublic());
        // The key appears only once its login is in place, so a crash in between just redoes both.
        Files.move(partial, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static KeyPair load(Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return new KeyPair(pub, key);
    }

    /** Replaces any earlier {@code stoa} line of keys.properties with this key. */
    private static void authorize(Path keysProperties, RSAPublicKey key) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.exists(keysProperties)) {
            for (String line : Files.readAllLines(keysProperties, StandardCharsets.ISO_8859_1)) {
                if (!line.matches("\\s*" + USER + "\\s*[=:].*")) {
                    lines.add(line);
                }
            }
        }
        lines.add(USER + "=" + sshWireFormat(key) + "," + ADMIN_GROUP);
        Files.write(keysProperties, lines, StandardCharsets.ISO_8859_1);
    }

    /** The base64 blob of an OpenSSH {@code ssh-rsa} public key line. */
    static String sshWireFormat(RSAPublicKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(out, key.getPublicExponent().toByteArray());
        writeString(out, key.getModulus().toByteArray());
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) throws IOException {
        out.write(lengthPrefix(bytes.length));
        out.write(bytes);
    }

    private static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
