package org.stoa.chat.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.chat.internal.Channel;
import org.stoa.chat.internal.ChatEvent;
import org.stoa.chat.internal.ChatRepository;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.WorldEvents;
import org.stoa.worlds.Member;
import org.stoa.worlds.Room;
import org.stoa.worlds.WorldMembers;

/**
 * The {@code chat} namespace as venueless serves it: subscribing to a channel, joining and
 * leaving it, its history, sending (edits and deletes through {@code replaces}), reactions,
 * read pointers and direct messages. The handlers find the channel an action is about and
 * whether the socket's user may act on it, keep the socket's subscriptions and push to the
 * user's sockets; the rules and the stored changes are {@link ChatService}'s.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=chat")
public class ChatActions implements ActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatActions.class);

    /** Channels this socket subscribed to, in {@link Client#attributes()}. */
    private static final String SUBSCRIBED = "chat.subscribed";

    /** Channels whose volatile members' sockets this socket counts among, in {@link Client#attributes()}. */
    private static final String TRACKED = "chat.volatile_sockets";

    /** A push for one user's sockets on every node (all but one, when {@code except} names it). */
    static final String TO_USER = "chat.to_user";

    private final ChatStore store;
    private final ChatService chat;
    private final ChatRepository repository;
    private final Subscribers subscribers;
    private final WorldMembers members;
    private final WorldEvents events;

    /** The channel an action is about, with its room and that room's chat module config (none for direct messages). */
    private record Target(Channel channel, Room room, JsonNode module) {
        boolean isVolatile() {
            return module != null && module.path("volatile").asBoolean(false);
        }
    }

    @Activate
    public ChatActions(@Reference ChatStore store, @Reference ChatService chat, @Reference Subscribers subscribers,
            @Reference WorldMembers members, @Reference WorldEvents events) {
        this.store = store;
        this.chat = chat;
        this.repository = store.repository();
        this.subscribers = subscribers;
        this.members = members;
        this.events = events;
        store.read(c -> {
            repository.forgetVolatileSocketsOf(c, events.nodeId());
            return null;
        });
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        JsonNode body = action.body() == null || !action.body().isObject()
                ? ChatEvent.JSON.createObjectNode() : action.body();
        switch (action.name()) {
            case "chat.subscribe" -> {
                Target target = channelAction(client, body, "room:chat.read", Channel::isDirect);
                client.reply(action, subscribe(client, target, target.isVolatile()));
            }
            case "chat.unsubscribe" -> {
                Target target = channelAction(client, body, null, channel -> false);
                unsubscribe(client, target, true);
                client.reply(action, ChatEvent.JSON.createObjectNode());
            }
            case "chat.join" -> join(client, action, body);
            case "chat.leave" -> leave(client, action, body);
            case "chat.fetch" -> fetch(client, action, body);
            case "chat.send" -> send(client, action, body);
            case "chat.react" -> react(client, action, body);
            case "chat.mark_read" -> markRead(client, action, body);
            case "chat.direct.create" -> createDirect(client, action, body);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Pushes meant for one user reach their sockets only. */
    @Override
    public void onEvent(Client client, WorldEvent event) {
        if (!TO_USER.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        if (client.userId().equals(data.path("user").asText()) && !client.socketId().equals(data.path("except").asText())) {
            client.push(data.path("event").asText(), data.path("payload"));
        }
    }

    @Override
    public void onClose(Client client) {
        for (UUID channel : subscribed(client)) {
            try {
                store.read(c -> repository.channel(c, channel)).ifPresent(ch -> {
                    Target target = new Target(ch, null, null);
                    Optional<Room> room = ch.isDirect() ? Optional.empty() : members.room(client, ch.id());
                    unsubscribe(client, room.map(r -> new Target(ch, r, moduleOf(r))).orElse(target), true);
                });
            } catch (RuntimeException e) {
                LOG.warn("could not unsubscribe closed socket {} from chat {}: {}", client.socketId(), channel, e.getMessage());
            }
        }
    }

    // --- the channel an action is about, and whether the user may

    /** As venueless's channel_action: a channel of the world, its room's chat module, the permission, membership. */
    private Target channelAction(Client client, JsonNode body, String permission, Predicate<Channel> membershipNeeded)
            throws ActionException {
        if (!body.has("channel")) {
            throw new ActionException("chat.unknown", "Unknown channel ID");
        }
        Target target = target(client, Action.uuid(body.path("channel")))
                .orElseThrow(() -> new ActionException("room.unknown", "Unknown room ID"));
        if (target.room() != null && target.module() == null) {
            throw new ActionException("room.unknown", "Room does not contain a matching module.");
        }
        if (target.room() != null && permission != null && !members.hasInRoom(client, target.room(), permission)) {
            throw new ActionException("protocol.denied", "Permission denied.");
        }
        if (membershipNeeded.test(target.channel()) && !isMember(client, target.channel())) {
            throw new ActionException("chat.denied");
        }
        return target;
    }

    /** As venueless's room_action: a room named by {@code room} or by its {@code channel}, with a chat module. */
    private Target roomAction(Client client, JsonNode body, String permission) throws ActionException {
        Target target;
        if (body.has("room")) {
            Optional<UUID> id = Action.uuid(body.path("room"));
            Room room = id.flatMap(r -> members.room(client, r))
                    .orElseThrow(() -> new ActionException("room.unknown", "Unknown room ID"));
            JsonNode module = moduleOf(room);
            if (module == null) {
                throw new ActionException("room.unknown", "Room does not contain a matching module.");
            }
            Channel channel = store.read(c -> repository.roomChannel(c, client.worldId(), room.id()));
            target = new Target(channel, room, module);
        } else if (body.has("channel")) {
            target = target(client, Action.uuid(body.path("channel"))).filter(t -> t.room() != null)
                    .orElseThrow(() -> new ActionException("room.unknown", "Unknown room ID"));
            if (target.module() == null) {
                throw new ActionException("room.unknown", "Room does not contain a matching module.");
            }
        } else {
            throw new ActionException("room.unknown", "Unknown room ID");
        }
        if (!members.hasInRoom(client, target.room(), permission)) {
            throw new ActionException("protocol.denied", "Permission denied.");
        }
        return target;
    }

    /**
     * The channel of the client's world with this id. A room's channel is made with its room
     * ({@link RoomChannels}); should this node have missed that, the first action makes it. Its id
     * is the room's.
     */
    private Optional<Target> target(Client client, Optional<UUID> id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Channel> stored = store.read(c -> repository.channel(c, id.get()))
                .filter(ch -> ch.worldId().equals(client.worldId()));
        if (stored.isPresent() && stored.get().isDirect()) {
            return Optional.of(new Target(stored.get(), null, null));
        }
        // A room's channel follows its room: a deleted room's chat is gone with it.
        Optional<Room> room = members.room(client, id.get());
        if (room.isEmpty()) {
            return Optional.empty();
        }
        JsonNode module = moduleOf(room.get());
        Channel channel = stored.isPresent() ? stored.get()
                : module == null ? new Channel(id.get(), client.worldId(), id.get())
                : store.read(c -> repository.roomChannel(c, client.worldId(), room.get().id()));
        return Optional.of(new Target(channel, room.get(), module));
    }

    private static JsonNode moduleOf(Room room) {
        for (JsonNode module : room.moduleConfig()) {
            if (ChatModules.NATIVE.equals(module.path("type").asText())) {
                return module.path("config").isObject() ? module.path("config") : ChatEvent.JSON.createObjectNode();
            }
        }
        return null;
    }

    private boolean isMember(Client client, Channel channel) {
        UUID user = UUID.fromString(client.userId());
        return store.read(c -> repository.membership(c, channel.id(), user)).isPresent();
    }

    private Member member(Client client) {
        return members.member(client)
                .orElseThrow(() -> new IllegalStateException("socket " + client.socketId() + " has no world user"));
    }

    // --- subscribing

    private ObjectNode subscribe(Client client, Target target, boolean volatileChannel) {
        Channel channel = target.channel();
        subscribed(client).add(channel.id());
        subscribers.add(channel.id(), client);
        if (volatileChannel && tracked(client).add(channel.id())) {
            UUID user = UUID.fromString(client.userId());
            store.read(c -> {
                repository.trackVolatileSocket(c, channel.id(), user, client.socketId(), events.nodeId());
                return null;
            });
        }
        long[] ids = store.read(c -> new long[] {repository.lastEventId(c), repository.newestMessageId(c, channel.id())});
        ObjectNode reply = ChatEvent.JSON.createObjectNode();
        reply.putNull("state");
        reply.put("next_event_id", ids[0] + 1);
        reply.put("unread_pointer", ids[1]);
        ArrayNode list = reply.putArray("members");
        if (!volatileChannel) {
            List<UUID> ids2 = store.read(c -> repository.members(c, channel.id()));
            store.publicUsers(client.worldId(), ids2).values().forEach(list::add);
        }
        return reply;
    }

    /** Stops the socket's events of the channel; a volatile member whose last socket goes leaves quietly. */
    private void unsubscribe(Client client, Target target, boolean leaveIfVolatile) {
        UUID channel = target.channel().id();
        subscribed(client).remove(channel);
        subscribers.remove(channel, client);
        UUID user = UUID.fromString(client.userId());
        if (tracked(client).remove(channel)) {
            // On its own, before the count: of two last sockets closing at once on two nodes, the later count sees both gone.
            store.read(c -> {
                repository.forgetVolatileSocket(c, channel, user, client.socketId());
                return null;
            });
        }
        if (!leaveIfVolatile || subscribers.socketsOf(channel, client.userId()) > 0) {
            return;
        }
        Set<String> liveNodes = events.liveNodes();
        boolean left = store.read(c -> {
            Optional<Boolean> membership = repository.membership(c, channel, user);
            return membership.orElse(false) && repository.volatileSockets(c, channel, user, liveNodes) == 0
                    && repository.leave(c, channel, user);
        });
        if (left) {
            pushChannelList(client.worldId(), user, client.socketId());
        }
    }

    /** Channels this socket is noted in chat_volatile_sockets for. */
    @SuppressWarnings("unchecked")
    private static Set<UUID> tracked(Client client) {
        return (Set<UUID>) client.attributes().computeIfAbsent(TRACKED, k -> ConcurrentHashMap.newKeySet());
    }

    @SuppressWarnings("unchecked")
    private static Set<UUID> subscribed(Client client) {
        return (Set<UUID>) client.attributes().computeIfAbsent(SUBSCRIBED, k -> ConcurrentHashMap.newKeySet());
    }

    // --- joining and leaving

    private void join(Client client, Action action, JsonNode body) throws ActionException {
        Target target = roomAction(client, body, "room:chat.join");
        Member member = member(client);
        if (member.displayName().isEmpty()) {
            throw new ActionException("channel.join.missing_profile");
        }
        boolean volatileMember = target.isVolatile();
        // Moderators may join a volatile chat for good (or the other way round); others get the room's setting.
        if (body.has("volatile") && body.path("volatile").asBoolean() != volatileMember
                && members.hasInRoom(client, target.room(), "room:chat.moderate")) {
            volatileMember = body.path("volatile").asBoolean();
        }
        boolean joined = chat.join(client.worldId(), target.channel(), member, volatileMember);
        // Venueless answers with the members as they were before the join, leaving out the joiner;
        // here the reply follows the join, so the joiner is among the members and its own join event
        // is in the history before next_event_id.
        ObjectNode reply = subscribe(client, target, volatileMember);
        if (joined) {
            pushChannelList(client.worldId(), member.id(), client.socketId());
        }
        client.reply(action, reply);
    }

    private void leave(Client client, Action action, JsonNode body) throws ActionException {
        Target target = channelAction(client, body, null, Channel::isDirect);
        unsubscribe(client, target, false);
        Member member = member(client);
        chat.leave(client.worldId(), target.channel(), member, target.isVolatile());
        pushChannelList(client.worldId(), member.id(), client.socketId());
        client.reply(action, ChatEvent.JSON.createObjectNode());
    }

    // --- history

    private void fetch(Client client, Action action, JsonNode body) throws ActionException {
        Target target = channelAction(client, body, "room:chat.read", Channel::isDirect);
        if (!body.path("count").canConvertToInt() || !body.path("before_id").canConvertToLong()) {
            throw new ActionException("chat.invalid_body");
        }
        int count = Math.max(0, Math.min(body.path("count").asInt(), ChatRepository.MAX_PAGE));
        long before = body.path("before_id").asLong();
        boolean skipMembers = target.isVolatile() || (target.room() != null && forceJoin(target.room()));
        List<ChatEvent> page = store.read(c -> repository.page(c, target.channel().id(), before, count, skipMembers));
        Set<UUID> users = new LinkedHashSet<>();
        ArrayNode results = ChatEvent.JSON.createArrayNode();
        for (ChatEvent e : page) {
            results.add(e.toJson());
            ChatService.usersOf(e, users);
        }
        ObjectNode reply = ChatEvent.JSON.createObjectNode();
        reply.set("results", results);
        reply.set("users", chat.usersJson(client.worldId(), users));
        client.reply(action, reply);
    }

    /** Stoa's rooms have no force_join yet (the room config shows false). */
    private static boolean forceJoin(Room room) {
        return false;
    }

    // --- sending

    private void send(Client client, Action action, JsonNode body) throws ActionException {
        Target target = channelAction(client, body, "room:chat.send", channel -> true);
        Channel channel = target.channel();
        ChatService.Message message = ChatService.message(channel, body);
        Member sender = member(client);
        boolean moderator = target.room() != null && members.hasInRoom(client, target.room(), "room:chat.moderate");
        ChatService.Sent sent = chat.send(client.worldId(), channel, sender, message, moderator);
        ObjectNode reply = ChatEvent.JSON.createObjectNode();
        ObjectNode event = sent.event().toJson();
        event.remove("type");
        reply.set("event", event);
        client.reply(action, reply);

        for (UUID user : sent.unhidden()) {
            pushChannelList(client.worldId(), user, client.socketId());
        }
        if (!sent.notified().isEmpty()) {
            ObjectNode notification = ChatEvent.JSON.createObjectNode();
            notification.set("event", sent.event().toJson());
            notification.set("sender", sender.publicUser());
            for (UUID user : sent.notified()) {
                pushToUser(client.worldId(), user, null, "chat.notification", notification);
            }
        }
        if (!sent.missed().isEmpty()) {
            ObjectNode warning = ChatEvent.JSON.createObjectNode();
            warning.put("channel", channel.id().toString());
            warning.put("event_id", sent.event().id());
            ArrayNode missed = warning.putArray("missed_users");
            store.publicUsers(client.worldId(), new ArrayList<>(sent.missed())).values().forEach(missed::add);
            client.push("chat.mention_warning", warning);
        }
    }

    // --- reactions and read pointers

    private void react(Client client, Action action, JsonNode body) throws ActionException {
        Target target = channelAction(client, body, "room:chat.send", channel -> true);
        String reaction = body.path("reaction").asText("");
        if (!ChatService.isEmoji(reaction)) {
            throw new ActionException("emoji.sadpanda");
        }
        if (!body.path("event").canConvertToLong()) {
            throw new ActionException("chat.invalid_body");
        }
        ChatEvent reacted = chat.react(client.worldId(), target.channel(), body.path("event").asLong(), reaction,
                UUID.fromString(client.userId()), body.path("delete").asBoolean(false));
        ObjectNode reply = reacted.toJson();
        reply.put("type", "chat.event.reaction");
        client.reply(action, reply);
    }

    private void markRead(Client client, Action action, JsonNode body) throws ActionException {
        Target target = channelAction(client, body, null, channel -> false);
        if (!body.path("id").canConvertToLong() || body.path("id").asLong() == 0) {
            throw new ActionException("chat.invalid_body");
        }
        UUID user = UUID.fromString(client.userId());
        Map<String, Long> pointers = chat.markRead(client.worldId(), user, target.channel(), body.path("id").asLong());
        client.reply(action, ChatEvent.JSON.createObjectNode());
        Map<String, Long> counts = chat.notificationCounts(client.worldId(), user);
        pushToUser(client.worldId(), user, client.socketId(), "chat.read_pointers", ChatEvent.JSON.valueToTree(pointers));
        pushToUser(client.worldId(), user, null, "chat.notification_counts", ChatEvent.JSON.valueToTree(counts));
    }

    // --- direct messages

    private void createDirect(Client client, Action action, JsonNode body) throws ActionException {
        if (!members.hasInWorld(client, "world:chat.direct")) {
            throw new ActionException("protocol.denied", "Permission denied.");
        }
        Member self = member(client);
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(self.id());
        for (JsonNode id : body.path("users")) {
            Optional<UUID> user = Action.uuid(id);
            if (user.isEmpty()) {
                throw new ActionException("chat.denied");
            }
            ids.add(user.get());
        }
        boolean hide = body.path("hide").asBoolean(true);
        ChatService.Direct made = chat.direct(client.worldId(), ids, hide, self.id());
        ObjectNode reply = subscribe(client, new Target(made.channel(), null, null), false);
        if (made.created()) {
            for (UUID id : ids) {
                if (!hide || id.equals(self.id())) {
                    pushChannelList(client.worldId(), id, client.socketId());
                }
            }
        }
        reply.put("id", made.channel().id().toString());
        client.reply(action, reply);
    }

    // --- pushes to one user

    private void pushChannelList(String worldId, UUID user, String exceptSocket) {
        ObjectNode payload = ChatEvent.JSON.createObjectNode();
        payload.set("channels", store.channelList(worldId, user));
        pushToUser(worldId, user, exceptSocket, "chat.channels", payload);
    }

    private void pushToUser(String worldId, UUID user, String exceptSocket, String event, JsonNode payload) {
        ObjectNode data = ChatEvent.JSON.createObjectNode();
        data.put("user", user.toString());
        if (exceptSocket != null) {
            data.put("except", exceptSocket);
        }
        data.put("event", event);
        data.set("payload", payload);
        events.publish(worldId, TO_USER, data);
    }

}
