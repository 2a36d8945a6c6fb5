package org.stoa.chat.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.chat.internal.Channel;
import org.stoa.chat.internal.ChatEvent;
import org.stoa.chat.internal.ChatRepository;
import org.stoa.connections.ActionException;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.db.Jdbc;
import org.stoa.worlds.Member;
import org.stoa.worlds.ModerationState;
import org.stoa.worlds.WorldMembers;

/**
 * Chat's rules, apart from the sockets: what a message may hold, who may edit or delete it,
 * joining and leaving, whom a message notifies, reactions, read pointers and who may talk
 * directly. Every change is stored and announced to every node in one transaction: what a
 * sender was told is stored reaches every subscriber, and nothing reaches them that was not
 * stored. Who the caller is and what they may do in a room the handlers ({@link ChatActions})
 * find out from the socket and pass in.
 */
@Component(service = ChatService.class)
public class ChatService {

    private static final Pattern MENTION = Pattern.compile(
            "@([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /** Venueless notifies at most this many mentioned users of one message (more is abuse). */
    private static final int MENTION_LIMIT = 50;

    /** A stored message: the members who see the conversation again, whom it notifies, whom it mentions in vain. */
    record Sent(ChatEvent event, List<UUID> unhidden, List<UUID> notified, Set<UUID> missed) {
    }

    /** A direct conversation, and whether it is new. */
    record Direct(Channel channel, boolean created) {
    }

    /** A message to store: its content and the message it replaces (an edit or delete), if any. */
    record Message(JsonNode content, Long replaces) {
        String type() {
            return content.path("type").asText();
        }
    }

    private final ChatStore store;
    private final ChatRepository repository;
    private final WorldMembers members;
    private final ClusterBus bus;

    @Activate
    public ChatService(@Reference ChatStore store, @Reference WorldMembers members, @Reference ClusterBus bus) {
        this.store = store;
        this.repository = store.repository();
        this.members = members;
        this.bus = bus;
    }

    // --- membership

    /** Makes the member join; true when they were not one. A join for good is announced, a volatile one is not. */
    boolean join(String worldId, Channel channel, Member member, boolean volatileMember) throws ActionException {
        return store.inTransaction(c -> {
            boolean added = repository.join(c, channel.id(), member.id(), volatileMember);
            if (added && !volatileMember) {
                announce(c, worldId, channel, memberEvent(c, channel, member, "join"), "chat.event");
            }
            return added;
        });
    }

    /** A room's chat the member leaves (announced unless the room's chat is volatile); a conversation they hide. */
    void leave(String worldId, Channel channel, Member member, boolean volatileChannel) throws ActionException {
        if (channel.isDirect()) {
            store.read(c -> {
                repository.hide(c, channel.id(), member.id());
                return null;
            });
            return;
        }
        store.inTransaction(c -> {
            if (repository.leave(c, channel.id(), member.id()) && !volatileChannel) {
                announce(c, worldId, channel, memberEvent(c, channel, member, "leave"), "chat.event");
            }
            return null;
        });
    }

    private ChatEvent memberEvent(Connection c, Channel channel, Member member, String membership) throws SQLException {
        ObjectNode content = ChatEvent.JSON.createObjectNode();
        content.put("membership", membership);
        content.set("user", member.publicUser());
        return repository.append(c, channel.id(), member.id(), "channel.member", content, null);
    }

    // --- sending

    /** The message {@code chat.send}'s body asks for, refused as venueless refuses it. */
    static Message message(Channel channel, JsonNode body) throws ActionException {
        JsonNode content = body.path("content");
        if (!"channel.message".equals(body.path("event_type").asText())) {
            throw new ActionException("chat.unsupported_event_type");
        }
        String type = content.path("type").asText();
        boolean replacing = body.hasNonNull("replaces");
        if (!content.isObject() || !(type.equals("text") || type.equals("files")
                || (type.equals("deleted") && replacing) || (type.equals("call") && channel.isDirect()))) {
            throw new ActionException("chat.unsupported_content_type");
        }
        // Venueless changes the replaced message before this check, so an empty edit still
        // overwrites it; here an empty message changes nothing.
        if (type.equals("text") && content.path("body").asText("").isEmpty()) {
            throw new ActionException("chat.empty");
        }
        if (type.equals("files") && (!content.path("files").isArray() || content.path("files").isEmpty())) {
            throw new ActionException("chat.empty");
        }
        if (replacing && !body.path("replaces").canConvertToLong()) {
            throw new ActionException("chat.invalid_body");
        }
        return new Message(content, replacing ? body.path("replaces").asLong() : null);
    }

    /**
     * Stores the message of {@code sender} (a member of the channel, who may send there) and
     * announces it. {@code moderator}: the sender holds {@code room:chat.moderate} in the
     * channel's room.
     */
    Sent send(String worldId, Channel channel, Member sender, Message message, boolean moderator) throws ActionException {
        // As venueless: in a conversation, nobody writes to someone who blocked them.
        if (channel.isDirect()) {
            List<UUID> others = store.read(c -> repository.members(c, channel.id()));
            if (members.hasBlocked(others, Set.of(sender.id()))) {
                throw new ActionException("chat.denied");
            }
        }
        if (sender.principal().moderation() == ModerationState.SILENCED) {
            // In a room the permissions already forbid it; direct messages have no room to ask.
            throw new ActionException("chat.denied");
        }
        Long replaced = message.replaces();
        Set<UUID> mentioned = replaced != null ? Set.of() : mentioned(message.content());
        return store.inTransaction(c -> {
            if (replaced != null) {
                ChatEvent original = repository.event(c, channel.id(), replaced)
                        .orElseThrow(() -> new ActionException("chat.unknown_event"));
                if (!mayReplace(sender.id(), original, message.type(), moderator)) {
                    throw new ActionException("chat.denied");
                }
                repository.replaceContent(c, replaced, message.content());
            }
            ChatEvent event = repository.append(c, channel.id(), sender.id(), "channel.message", message.content(), replaced);
            List<UUID> unhidden = channel.isDirect() ? repository.unhide(c, channel.id()) : List.of();
            List<UUID> notified = new ArrayList<>();
            Set<UUID> missed = new LinkedHashSet<>();
            if (channel.isDirect() && replaced == null) {
                repository.members(c, channel.id()).stream().filter(u -> !u.equals(sender.id())).forEach(notified::add);
            } else if (!mentioned.isEmpty() && mentioned.size() < MENTION_LIMIT) {
                List<UUID> inChannel = repository.membersAmong(c, channel.id(), mentioned);
                inChannel.stream().filter(u -> !u.equals(sender.id())).forEach(notified::add);
                mentioned.stream().filter(u -> !inChannel.contains(u)).forEach(missed::add);
            }
            repository.notify(c, event.id(), notified);
            announce(c, worldId, channel, event, "chat.event");
            return new Sent(event, unhidden, notified, missed);
        });
    }

    /** Authors edit and delete their own messages; others' only moderators touch, and then only to delete them. */
    static boolean mayReplace(UUID user, ChatEvent original, String newType, boolean moderator) {
        return user.equals(original.sender()) || (newType.equals("deleted") && moderator);
    }

    /** The users a message mentions ({@code @<user id>} in a text). */
    static Set<UUID> mentioned(JsonNode content) {
        Set<UUID> ids = new LinkedHashSet<>();
        if ("text".equals(content.path("type").asText())) {
            Matcher m = MENTION.matcher(content.path("body").asText(""));
            while (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        return ids;
    }

    /** Adds the users a client needs to show the event: its sender, who reacted, whom it mentions. */
    static void usersOf(ChatEvent e, Set<UUID> users) {
        if (e.sender() != null) {
            users.add(e.sender());
        }
        e.reactions().values().forEach(users::addAll);
        users.addAll(mentioned(e.content()));
    }

    /** What others see of these users, keyed by id as the {@code users} of a page or event. */
    ObjectNode usersJson(String worldId, Set<UUID> ids) {
        ObjectNode users = ChatEvent.JSON.createObjectNode();
        store.publicUsers(worldId, new ArrayList<>(ids)).forEach((id, user) -> users.set(id.toString(), user));
        return users;
    }

    /** Tells every node's subscribers of the channel, once (and only if) the transaction on {@code c} commits. */
    private void announce(Connection c, String worldId, Channel channel, ChatEvent event, String type) throws SQLException {
        ObjectNode data = event.toJson();
        data.remove("type");
        Set<UUID> users = new LinkedHashSet<>();
        usersOf(event, users);
        bus.publish(c, Subscribers.EVENTS,
                new ChatBroadcast(worldId, channel.id().toString(), type, data, usersJson(worldId, users)));
    }

    // --- reactions and read pointers

    /** Adds (or with {@code remove} takes back) the user's reaction to an event of the channel; the event as it is now. */
    ChatEvent react(String worldId, Channel channel, long eventId, String reaction, UUID user, boolean remove)
            throws ActionException {
        if (!isEmoji(reaction)) {
            throw new ActionException("emoji.sadpanda");
        }
        return store.inTransaction(c -> {
            repository.event(c, channel.id(), eventId).orElseThrow(() -> new ActionException("chat.unknown_event"));
            if (remove) {
                repository.unreact(c, eventId, reaction, user);
            } else {
                repository.react(c, eventId, reaction, user);
            }
            ChatEvent now = repository.event(c, channel.id(), eventId).orElseThrow();
            announce(c, worldId, channel, now, "chat.event.reaction");
            return now;
        });
    }

    /** An emoji, as far as one can tell without the Unicode emoji list: a few symbols, no letters or digits. */
    static boolean isEmoji(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return false;
        }
        boolean symbol = false;
        for (int cp : s.codePoints().toArray()) {
            boolean keycapBase = Character.isDigit(cp) || cp == '#' || cp == '*';
            if (Character.isLetter(cp) || Character.isWhitespace(cp) || (cp < 0x80 && !keycapBase)) {
                return false;
            }
            if (Character.getType(cp) == Character.OTHER_SYMBOL || (cp >= 0x1F1E6 && cp <= 0x1F1FF)) {
                symbol = true;
            }
        }
        return symbol || s.contains("\u20E3");
    }

    /** Moves the user's read pointer and drops the notifications read; the user's read pointers now. */
    Map<String, Long> markRead(String worldId, UUID user, Channel channel, long eventId) {
        return store.read(c -> {
            repository.markRead(c, user, channel.id(), eventId);
            repository.clearNotifications(c, user, channel.id(), eventId);
            return repository.readPointers(c, worldId, user);
        });
    }

    Map<String, Long> notificationCounts(String worldId, UUID user) {
        return store.read(c -> repository.notificationCounts(c, worldId, user));
    }

    // --- direct messages

    /**
     * The conversation of exactly these users ({@code self} among them), made when there is
     * none: refused as venueless does when a user is unknown, deleted or no person, when there
     * is nobody to talk to, or when one of them blocked another. A new one is hidden from all
     * but {@code self} until its first message when {@code hide}.
     */
    Direct direct(String worldId, Set<UUID> ids, boolean hide, UUID self) throws ActionException {
        Map<UUID, ObjectNode> users = store.publicUsers(worldId, new ArrayList<>(ids));
        if (users.size() != ids.size() || ids.size() < 2
                || users.values().stream().anyMatch(u -> u.path("deleted").asBoolean(false))
                || members.hasBlocked(ids, ids)) {
            throw new ActionException("chat.denied");
        }
        return store.inTransaction(c -> {
            // One creation per world at a time, so two users starting the same conversation get one channel.
            Jdbc.one(c, "SELECT pg_advisory_xact_lock(hashtext(?))", r -> 1, "stoa-chat.direct:" + worldId);
            Optional<Channel> existing = repository.directWith(c, worldId, ids);
            if (existing.isPresent()) {
                return new Direct(existing.get(), false);
            }
            Channel channel = repository.createDirect(c, worldId, ids, hide, self);
            for (UUID id : ids) {
                ObjectNode content = ChatEvent.JSON.createObjectNode();
                content.put("membership", "join");
                content.set("user", users.get(id));
                announce(c, worldId, channel, repository.append(c, channel.id(), id, "channel.member", content, null),
                        "chat.event");
            }
            return new Direct(channel, true);
        });
    }
}
