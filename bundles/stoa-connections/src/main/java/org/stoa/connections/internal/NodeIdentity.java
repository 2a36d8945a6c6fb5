package org.stoa.connections.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.osgi.framework.Bundle;

/**
 * Who this node is in the cluster: an id unique for the life of the process and the label of
 * its connections, {@code <commit>.<environment>} as venueless writes it.
 */
record NodeIdentity(String id, String label) {

    static final String UNKNOWN = "unknown";

    static NodeIdentity of(Bundle bundle, ConnectionsConfiguration config, Map<String, String> environment) {
        return new NodeIdentity(hostName(environment) + "-" + ProcessHandle.current().pid(),
                label(bundle.getHeaders().get("Stoa-Commit"), environment.get("STOA_ENVIRONMENT"), config.environment()));
    }

    /** The commit baked into the bundle at build time and the environment, each "unknown" when not set. */
    static String label(String commit, String fromEnvironment, String configured) {
        String environment = present(fromEnvironment) ? fromEnvironment.trim()
                : present(configured) ? configured.trim() : UNKNOWN;
        // Maven leaves the placeholder when the build was not in a git checkout.
        String built = present(commit) && !commit.startsWith("${") ? commit.trim() : UNKNOWN;
        return built + "." + environment;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String hostName(Map<String, String> environment) {
        String host = environment.get("HOSTNAME");
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
