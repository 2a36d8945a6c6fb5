package org.stoa.connections.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.osgi.framework.Bundle;

/**
 * Who this node is in the cluster: an id unique for the life of the process and the label of
 * its connections, {@code <commit>.<environment>} as venueless writes it.
 */
record NodeIdentity(String id, String label) {

    static final String UNKNOWN = "unknown";

    /** STOA_ENVIRONMENT reaches {@code config.environment()} through the shipped etc/org.stoa.connections.cfg. */
    static NodeIdentity of(Bundle bundle, ConnectionsConfiguration config) {
        return new NodeIdentity(hostName() + "-" + ProcessHandle.current().pid(),
                label(bundle.getHeaders().get("Stoa-Commit"), config.environment()));
    }

    /** The commit baked into the bundle at build time and the environment, each "unknown" when not set. */
    static String label(String commit, String configured) {
        String environment = present(configured) ? configured.trim() : UNKNOWN;
        // Maven leaves the placeholder when the build was not in a git checkout.
        String built = present(commit) && !commit.startsWith("${") ? commit.trim() : UNKNOWN;
        return built + "." + environment;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * The host's name, not a setting: HOSTNAME where a container sets it (cheap, no lookup), else
     * the OS's. Configuration interpolation cannot do this, as a shell does not export HOSTNAME and
     * the fallback needs the lookup anyway.
     */
    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (present(host)) {
            return host.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
