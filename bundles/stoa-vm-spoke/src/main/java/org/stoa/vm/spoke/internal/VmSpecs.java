package org.stoa.vm.spoke.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.SpokeException.Reason;
import org.stoa.vm.spoke.VmSpec;
import org.stoa.vm.spoke.keys.SshPublicKeys;

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

    private static final Pattern ID = Pattern.compile("capsul-[a-z0-9]{10}");
    // A volume name: no path separators, no leading dot, nothing a shell or XML would read twice.
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

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

    /** {@code <type> <base64 key> [comment]}, by the rule the hub also applies ({@link SshPublicKeys}). */
    public static void requireSshKey(int number, String key) throws SpokeException {
        Optional<String> problem = SshPublicKeys.problem(key);
        if (problem.isPresent()) {
            throw invalid("invalid SSH key " + number + ": " + problem.get());
        }
    }

    /** User input fit for a one-line message: quoted, unprintable characters replaced, long input cut. */
    static String quote(String input) {
        return SshPublicKeys.quote(input);
    }

    private static SpokeException invalid(String message) {
        return new SpokeException(Reason.INVALID, message);
    }
}
