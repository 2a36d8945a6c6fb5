package org.stoa.db.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The superuser password generated for a new cluster, kept in a file only the JVM's account can read
 * (mode 0600) and read back at every later start.
 */
public final class PasswordFile {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 40;

    private final Path file;

    public PasswordFile(Path file) {
        this.file = file;
    }

    /** The kept password; a new one (written to the file) only while the cluster does not exist yet. */
    public String readOrCreate(boolean clusterExists) throws IOException {
        String kept = Files.exists(file) ? Files.readString(file).strip() : "";
        if (!kept.isEmpty()) {
            return kept;
        }
        if (clusterExists) {
            throw new IOException("the PostgreSQL cluster exists but its password file " + file + " is missing or "
                    + "empty; restore the file or configure the password explicitly");
        }
        String password = generate();
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".postgres.password", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, password + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** A new random password of letters and digits. */
    public static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
