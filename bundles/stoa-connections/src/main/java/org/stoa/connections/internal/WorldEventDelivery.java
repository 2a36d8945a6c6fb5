package org.stoa.connections.internal;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.WorldEvents;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;

/**
 * World events across the cluster: published on the bus, and on every node handed to the
 * namespace's handler once, then to each authenticated socket of the world — a world's events in
 * the order they were published, different worlds in parallel.
 */
@Component(service = { WorldEvents.class, ClusterReceiver.class })
public class WorldEventDelivery implements WorldEvents, ClusterReceiver<WorldEvent> {

    /**
     * Payload {@code {"world", "type", "data"}}. SQL publishes on it too (a trigger of the bundle
     * that owns the data), so its name and shape are part of the schema's contract.
     */
    static final Topic<WorldEvent> TOPIC = new Topic<>("stoa_world_events", WorldEvent.class);

    /**
     * The event the database publishes when a world or its rooms change: handlers drop what they
     * cached of the world and sockets get the world as it is now ({@code world.updated}).
     */
    static final String WORLD_CHANGED = "world.update";

    private static final Logger LOG = LoggerFactory.getLogger(WorldEventDelivery.class);

    private final ClusterBus bus;
    private final NodeCounts node;
    private final LiveSockets sockets;
    private final Router router;
    private final WorldLanes lanes = new WorldLanes(Math.max(2, Runtime.getRuntime().availableProcessors()),
            "stoa-connections-deliver");

    @Activate
    public WorldEventDelivery(@Reference ClusterBus bus, @Reference NodeCounts node, @Reference LiveSockets sockets,
            @Reference Router router) {
        this.bus = bus;
        this.node = node;
        this.sockets = sockets;
        this.router = router;
    }

    @Deactivate
    void stop() {
        lanes.shutdownNow();
    }

    @Override
    public void publish(String worldId, String type, JsonNode data) {
        bus.publish(TOPIC, new WorldEvent(worldId, type, data == null ? JsonNodeFactory.instance.objectNode() : data));
    }

    @Override
    public String nodeId() {
        return node.identity().id();
    }

    @Override
    public Set<String> liveNodes() {
        return node.liveNodes();
    }

    @Override
    public Topic<WorldEvent> topic() {
        return TOPIC;
    }

    /**
     * Changes made while this node was cut off from the database never reached it: every world
     * with sockets here is treated as changed, so caches are dropped and sockets see it as it is.
     */
    @Override
    public void resynchronize() {
        for (String world : sockets.worlds()) {
            receive(new WorldEvent(world, WORLD_CHANGED, JsonNodeFactory.instance.objectNode()));
        }
    }

    @Override
    public void receive(WorldEvent received) {
        if (received.world() == null || received.world().isEmpty() || received.type() == null
                || received.type().isEmpty()) {
            return;
        }
        WorldEvent event = received.data() != null ? received
                : new WorldEvent(received.world(), received.type(), JsonNodeFactory.instance.objectNode());
        lanes.execute(event.world(), () -> {
            var handler = router.handler(event.namespace());
            if (handler != null) {
                try {
                    handler.onNodeEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("WebSocket handler {} failed on event {}", handler.getClass().getName(), event.type(), e);
                }
            }
            sockets.deliver(event);
        });
    }
}
