package org.stoa.shell.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.stoa.shell.ShellVariable;

/**
 * The services that asked to be shell variables ({@link ShellVariable}), bound into a console
 * session: whichever are registered on this node, each under its name, the highest ranked when
 * two share one.
 */
final class SessionVariables {

    /** One bound variable, as the help lists it. */
    record Bound(String name, String type, String example) {
    }

    /** Stoa's own variables, so the help can say which of them this node lacks, and why that may be. */
    static final Map<String, String> CORE = core();

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private SessionVariables() {
    }

    private static Map<String, String> core() {
        Map<String, String> core = new LinkedHashMap<>();
        core.put("worlds", "stoa-worlds");
        core.put("tokens", "stoa-tokens");
        core.put("connections", "stoa-connections");
        core.put("hub", "stoa-vm-hub, only on the node holding the hub role");
        core.put("spoke", "stoa-vm-spoke");
        core.put("payments", "stoa-payments");
        core.put("db", "stoa-db");
        return core;
    }

    /** Binds every such service present now into {@code session}; returns them sorted by name. */
    static List<Bound> bind(BundleContext context, Session session) {
        Map<String, ServiceReference<?>> chosen = new LinkedHashMap<>();
        for (ServiceReference<?> ref : references(context)) {
            Object name = ref.getProperty(ShellVariable.NAME);
            if (name instanceof String n && NAME.matcher(n).matches()) {
                chosen.merge(n, ref, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<Bound> bound = new ArrayList<>();
        chosen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            // The usage count is kept while the session may call the service: ungetting it could
            // deactivate a component no one else uses while $name still points at it.
            Object service = context.getService(e.getValue());
            if (service != null) {
                session.put(e.getKey(), service);
                bound.add(new Bound(e.getKey(), type(e.getValue()), example(e.getValue(), e.getKey())));
            }
        });
        return bound;
    }

    /** Stoa's own variables that {@code bound} lacks, each with the module that provides it. */
    static List<String> missing(List<Bound> bound) {
        List<String> names = bound.stream().map(Bound::name).toList();
        return CORE.entrySet().stream().filter(e -> !names.contains(e.getKey()))
                .map(e -> "$" + e.getKey() + " (" + e.getValue() + ")").toList();
    }

    private static List<ServiceReference<?>> references(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + ShellVariable.NAME + "=*)");
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the shell variables' filter", e);
        }
    }

    private static String type(ServiceReference<?> ref) {
        return ((String[]) ref.getProperty(Constants.OBJECTCLASS))[0];
    }

    private static String example(ServiceReference<?> ref, String name) {
        return ref.getProperty(ShellVariable.EXAMPLE) instanceof String s && !s.isBlank() ? s : "$" + name;
    }
}
