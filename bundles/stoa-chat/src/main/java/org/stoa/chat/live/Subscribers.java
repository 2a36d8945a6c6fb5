package org.stoa.chat.live;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.chat.internal.ChatEvent;
import org.stoa.connections.Client;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.worlds.Room;
import org.stoa.worlds.WorldMembers;

/**
 * The sockets of this node subscribed to each channel, and the delivery of the chat events
 * every node publishes to them. An event reaches a subscriber of a room's channel only while
 * they may still read that room's chat.
 */
@Component(service = {Subscribers.class, ClusterReceiver.class})
public class Subscribers implements ClusterReceiver<ChatBroadcast> {

    static final Topic<ChatBroadcast> EVENTS = new Topic<>("stoa_chat_events", ChatBroadcast.class);

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private final WorldMembers members;
    private final Map<UUID, Set<Client>> byChannel = new ConcurrentHashMap<>();
    // One thread: the events of a channel reach each socket in the order they were committed.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stoa-chat-delivery");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public Subscribers(@Reference WorldMembers members) {
        this.members = members;
    }

    @Deactivate
    void stop() throws InterruptedException {
        delivery.shutdown();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }

    void add(UUID channel, Client client) {
        byChannel.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet()).add(client);
    }

    void remove(UUID channel, Client client) {
        byChannel.computeIfPresent(channel, (k, clients) -> {
            clients.remove(client);
            return clients.isEmpty() ? null : clients;
        });
    }

    /** How many of this user's sockets on this node are subscribed to the channel. */
    long socketsOf(UUID channel, String userId) {
        Set<Client> clients = byChannel.get(channel);
        return clients == null ? 0 : clients.stream().filter(c -> c.userId().equals(userId)).count();
    }

    @Override
    public Topic<ChatBroadcast> topic() {
        return EVENTS;
    }

    @Override
    public void receive(ChatBroadcast message) {
        delivery.execute(() -> deliver(message));
    }

    private void deliver(ChatBroadcast message) {
        UUID channel;
        try {
            channel = UUID.fromString(message.channel());
        } catch (IllegalArgumentException e) {
            LOG.warn("chat event for a channel that is no id: {}", message.channel());
            return;
        }
        Set<Client> clients = byChannel.get(channel);
        if (clients == null) {
            return;
        }
        ObjectNode data = message.event().deepCopy();
        data.set("users", message.users() == null ? ChatEvent.JSON.createObjectNode() : message.users());
        for (Client client : clients) {
            if (!client.worldId().equals(message.world())) {
                continue;
            }
            try {
                Room room = members.room(client, channel).orElse(null);
                if (room != null && !members.hasInRoom(client, room, "room:chat.read")) {
                    continue;
                }
                client.push(message.type(), data);
            } catch (RuntimeException e) {
                LOG.warn("chat event {} not delivered to socket {}: {}", message.event().path("event_id"),
                        client.socketId(), e.getMessage());
            }
        }
    }
}
