package org.stoa.connections.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.ActionHandler;

/**
 * The namespaces of the WebSocket API, as bundles register and unregister their handlers: the
 * next message of a namespace finds whichever handler serves it now. When two serve one, the
 * higher service ranking wins.
 */
@Component(service = Router.class)
public class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Entry(ActionHandler handler, int ranking, long serviceId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byRanking = Integer.compare(other.ranking, ranking);
            return byRanking != 0 ? byRanking : Long.compare(serviceId, other.serviceId);
        }
    }

    private final Map<String, ConcurrentSkipListMap<Entry, Boolean>> namespaces = new ConcurrentHashMap<>();

    /** The handler serving the namespace now, or null. */
    ActionHandler handler(String namespace) {
        var entries = namespaces.get(namespace);
        if (entries == null) {
            return null;
        }
        var first = entries.firstEntry();
        return first == null ? null : first.getKey().handler();
    }

    /** Every handler serving some namespace now. */
    Iterable<ActionHandler> all() {
        return namespaces.values().stream()
                .map(ConcurrentSkipListMap::firstEntry).filter(e -> e != null).map(e -> e.getKey().handler())
                .toList();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ActionHandler handler, Map<String, Object> properties) {
        List<String> served = namespaces(properties);
        if (served.isEmpty()) {
            LOG.warn("ignoring a WebSocket handler without a '{}' property: {}", ActionHandler.NAMESPACE, handler);
            return;
        }
        for (String namespace : served) {
            namespaces.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>()).put(entry(handler, properties), true);
            LOG.info("WebSocket namespace '{}' served by {}", namespace, handler.getClass().getName());
        }
    }

    void removeHandler(ActionHandler handler, Map<String, Object> properties) {
        for (String namespace : namespaces(properties)) {
            var entries = namespaces.get(namespace);
            if (entries != null) {
                entries.remove(entry(handler, properties));
                if (entries.isEmpty()) {
                    LOG.info("WebSocket namespace '{}' is gone", namespace);
                }
            }
        }
    }

    private static Entry entry(ActionHandler handler, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new Entry(handler, ranking instanceof Integer r ? r : 0, (Long) properties.get(Constants.SERVICE_ID));
    }

    /** The namespaces a handler serves: its property holds one, or several (an array or a collection). */
    private static List<String> namespaces(Map<String, Object> properties) {
        Object value = properties.get(ActionHandler.NAMESPACE);
        Stream<?> values = value instanceof String[] many ? Arrays.stream(many)
                : value instanceof Collection<?> many ? many.stream() : Stream.of(value);
        return values.filter(v -> v instanceof String s && !s.isBlank()).map(String.class::cast).toList();
    }
}
