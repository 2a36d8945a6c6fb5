package org.stoa.vm.spoke.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;
import org.stoa.vm.spoke.VmSpec;

/**
 * The rules a VM request must meet before it reaches the hypervisor. Each check throws a
 * {@link SpokeException} ({@link Reason#INVALID}) with one line naming what was wrong; user
 * input quoted in a message is cut short and stripped of anything unprintable.
 */
final class VmSpecs {

    public static final int MIN_VCPUS = 1;
    public static final int MAX_VCPUS = 8;
    public static final int MIN_MEMORY_MB = 512;
    public static final int MAX_MEMORY_MB = 16384;
    public static final int MAX_SSH_KEY_LENGTH = 8192;

    /** The SSH key types OpenSSH accepts today (DSA is gone). */
    public static final List<String> SSH_KEY_TYPES = List.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private static final Pattern ID = Pattern.compile("capsul-[a-z0-9]{10}");
    // A volume name: no path separators, no leading dot, nothing a shell or XML would read twice.
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SSH_KEY = Pattern.compile("(\\S+) ([A-Za-z0-9+/]+={0,2})(?: (.*))?", Pattern.DOTALL);
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final int QUOTE_LIMIT = 40;

    private VmSpecs() {
    }

    /** Whether this is a VM id; a domain with any other name is not one of ours. */
    public static boolean isVmId(String name) {
        return name != null && ID.matcher(name).matches();
    }

    /** Everything about the spec except whether the hub offers its template: see {@link #requireValid(VmSpec, Collection)}. */
    public static void requireValid(VmSpec spec) throws SpokeException {
        requireId(spec.id());
        requireVcpus(spec.vcpus());
        requireMemory(spec.memoryMb());
        requireTemplateName(spec.template());
        requireSshKeys(spec.sshKeys());
    }

    /** The whole spec, its template one of {@code allowedTemplates} (the hub's OS images). */
    public static void requireValid(VmSpec spec, Collection<String> allowedTemplates) throws SpokeException {
        requireValid(spec);
        requireTemplate(spec.template(), allowedTemplates);
    }

    public static void requireId(String id) throws SpokeException {
        if (!isVmId(id)) {
            throw invalid("invalid VM id " + quote(id) + ": must be capsul- followed by 10 lower-case letters or digits");
        }
    }

    public static void requireVcpus(int vcpus) throws SpokeException {
        if (vcpus < MIN_VCPUS || vcpus > MAX_VCPUS) {
            throw invalid("invalid vcpus " + vcpus + ": must be " + MIN_VCPUS + " to " + MAX_VCPUS);
        }
    }

    public static void requireMemory(int memoryMb) throws SpokeException {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw invalid("invalid memory " + memoryMb + " MiB: must be " + MIN_MEMORY_MB + " to " + MAX_MEMORY_MB + " MiB");
        }
    }

    public static void requireTemplateName(String template) throws SpokeException {
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw invalid("invalid template name " + quote(template)
                    + ": must be up to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        // Defence in depth: a VM's own disk must never serve as another VM's template.
        if (template.startsWith("capsul-")) {
            throw invalid("invalid template name " + quote(template) + ": that is a VM's volume, not an OS template");
        }
    }

    public static void requireTemplate(String template, Collection<String> allowedTemplates) throws SpokeException {
        requireTemplateName(template);
        if (!allowedTemplates.contains(template)) {
            throw invalid("unknown template " + quote(template) + ": not one of the hub's OS images");
        }
    }

    /** At least one key, each valid; keys are numbered from 1 in messages, as a user counts them. */
    public static void requireSshKeys(List<String> keys) throws SpokeException {
        if (keys == null || keys.isEmpty()) {
            throw invalid("no SSH key: a VM needs at least one to be reachable");
        }
        for (int i = 0; i < keys.size(); i++) {
            requireSshKey(i + 1, keys.get(i));
        }
    }

    /** {@code <type> <base64 key> [comment]}: a known type, a key blob of that type, a printable ASCII comment. */
    public static void requireSshKey(int number, String key) throws SpokeException {
        String prefix = "invalid SSH key " + number + ": ";
        if (key == null || key.isEmpty()) {
            throw invalid(prefix + "empty");
        }
        if (key.length() > MAX_SSH_KEY_LENGTH) {
            throw invalid(prefix + "longer than " + MAX_SSH_KEY_LENGTH + " characters");
        }
        Matcher parts = SSH_KEY.matcher(key);
        if (!parts.matches()) {
            throw invalid(prefix + "must be \"<type> <base64 key> [comment]\"");
        }
        String type = parts.group(1);
        if (!SSH_KEY_TYPES.contains(type)) {
            throw invalid(prefix + "type " + quote(type) + " is not one of " + String.join(", ", SSH_KEY_TYPES));
        }
        if (!type.equals(blobType(parts.group(2)))) {
            throw invalid(prefix + "the base64 part is not a " + type + " key");
        }
        String comment = parts.group(3);
        if (comment != null && !PRINTABLE_ASCII.matcher(comment).matches()) {
            throw invalid(prefix + "the comment must be printable ASCII on one line");
        }
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
    static String quote(String input) {
        if (input == null) {
            return "(none)";
        }
        String cut = input.length() > QUOTE_LIMIT ? input.substring(0, QUOTE_LIMIT) + "..." : input;
        return '"' + cut.replaceAll("[^\\x20-\\x7E]", "?") + '"';
    }

    private static SpokeException invalid(String message) {
        return new SpokeException(Reason.INVALID, message);
    }
}
