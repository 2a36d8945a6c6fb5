package org.stoa.vm.spoke.keys;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for an SSH public key a VM gets: the spoke checks every create with it, and the
 * hub checks a key with it when an account adds it (the hub bundle embeds this package), so a
 * key the hub accepted is never refused later by the spoke.
 */
public final class SshPublicKeys {

    public static final int MAX_LENGTH = 8192;

    /** The SSH key types OpenSSH accepts today (DSA is gone). */
    public static final List<String> TYPES = List.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private static final Pattern KEY = Pattern.compile("(\\S+) ([A-Za-z0-9+/]+={0,2})(?: (.*))?", Pattern.DOTALL);
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final int QUOTE_LIMIT = 40;

    private SshPublicKeys() {
    }

    /**
     * What is wrong with {@code <type> <base64 key> [comment]}, in a few words to follow "invalid
     * SSH key N: "; empty when it is a known type, a key blob of that type and a printable comment.
     */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("empty");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        Matcher parts = KEY.matcher(key);
        if (!parts.matches()) {
            return Optional.of("must be \"<type> <base64 key> [comment]\"");
        }
        String type = parts.group(1);
        if (!TYPES.contains(type)) {
            return Optional.of("type " + quote(type) + " is not one of " + String.join(", ", TYPES));
        }
        if (!type.equals(blobType(parts.group(2)))) {
            return Optional.of("the base64 part is not a " + type + " key");
        }
        String comment = parts.group(3);
        if (comment != null && !PRINTABLE_ASCII.matcher(comment).matches()) {
            return Optional.of("the comment must be printable ASCII on one line");
        }
        return Optional.empty();
    }

    /** The key type a public key blob names in its first field (RFC 4253 §6.6), or null if it is no blob. */
    private static String blobType(String base64) {
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
            int length = blob.getInt();
            if (length <= 0 || length > blob.remaining()) {
                return null;
            }
            byte[] type = new byte[length];
            blob.get(type);
            return new String(type, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return null;
        }
    }

    /** User input fit for a one-line message: quoted, unprintable characters replaced, long input cut. */
    public static String quote(String input) {
        if (input == null) {
            return "(none)";
        }
        String cut = input.length() > QUOTE_LIMIT ? input.substring(0, QUOTE_LIMIT) + "..." : input;
        return '"' + cut.replaceAll("[^\\x20-\\x7E]", "?") + '"';
    }
}
