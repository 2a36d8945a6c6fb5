package org.stoa.vm.spoke.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The NoCloud seed cloud-init reads at first boot: an ISO 9660 volume labelled {@code cidata}
 * holding {@code meta-data} (the instance's id and host name) and {@code user-data} (the
 * account's SSH keys).
 */
final class CloudInitSeed {

    static final String LABEL = "cidata";

    private CloudInitSeed() {
    }

    /** The seed image for a VM; the keys must already be valid (printable ASCII, one line each). */
    static byte[] image(String vmId, List<String> sshKeys, Instant created) {
        return IsoImage.of(LABEL, Map.of("meta-data", utf8(metaData(vmId)), "user-data", utf8(userData(sshKeys))),
                created);
    }

    static String metaData(String vmId) {
        return "instance-id: " + vmId + "\nlocal-hostname: " + vmId + "\n";
    }

    /** Each key a double-quoted YAML string: a comment may hold ": " or "#", which would end a plain one. */
    static String userData(List<String> sshKeys) {
        StringBuilder yaml = new StringBuilder("#cloud-config\nssh_authorized_keys:\n");
        for (String key : sshKeys) {
            yaml.append("  - \"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return yaml.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
