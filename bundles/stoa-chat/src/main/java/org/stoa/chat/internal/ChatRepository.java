package org.stoa.chat.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.stoa.db.Jdbc;

/** The chat tables. Every method works on the caller's connection, inside the caller's transaction. */
public class ChatRepository {

    /** One page of a channel's history: at most this many events, as venueless allows. */
    public static final int MAX_PAGE = 1000;

    private static final String EVENT_COLUMNS =
            "e.id, e.channel_id, e.sender, e.timestamp, e.event_type, e.content::text AS content, e.edited, e.replaces";

    /** A membership row as the channel list needs it. */
    public record Membership(UUID channel, boolean direct, boolean volatileMember, boolean hidden, long unreadPointer) {
    }

    public Optional<Channel> channel(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT id, world_id, room_id FROM chat_channels WHERE id = ?", ChatRepository::channel, id);
    }

    /** The room's channel, made the first time it is needed; its id is the room's. */
    public Channel roomChannel(Connection c, String worldId, UUID roomId) throws SQLException {
        Jdbc.update(c, "INSERT INTO chat_channels (id, world_id, room_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                roomId, worldId, roomId);
        return channel(c, roomId).orElseThrow();
    }

    /** Makes the channels these rooms of the world lack; returns how many it made. */
    public int ensureRoomChannels(Connection c, String worldId, Collection<UUID> roomIds) throws SQLException {
        return Jdbc.update(c, "INSERT INTO chat_channels (id, world_id, room_id) SELECT r, ?, r FROM unnest(?) AS r "
                + "ON CONFLICT DO NOTHING", worldId, c.createArrayOf("uuid", roomIds.toArray()));
    }

    /** A new direct message channel with these members; all but {@code shownTo} see it only once it has a message if {@code hide}. */
    public Channel createDirect(Connection c, String worldId, Collection<UUID> members, boolean hide, UUID shownTo)
            throws SQLException {
        UUID id = UUID.randomUUID();
        Jdbc.update(c, "INSERT INTO chat_channels (id, world_id) VALUES (?, ?)", id, worldId);
        for (UUID member : members) {
            Jdbc.update(c, "INSERT INTO chat_memberships (channel_id, user_id, hidden) VALUES (?, ?, ?)",
                    id, member, hide && !member.equals(shownTo));
        }
        return new Channel(id, worldId, null);
    }

    /** The direct message channel whose members are exactly these users. */
    public Optional<Channel> directWith(Connection c, String worldId, Collection<UUID> members) throws SQLException {
        return Jdbc.one(c, "SELECT ch.id, ch.world_id, ch.room_id FROM chat_channels ch "
                + "WHERE ch.world_id = ? AND ch.room_id IS NULL "
                + "AND (SELECT count(*) FROM chat_memberships m WHERE m.channel_id = ch.id) = ? "
                + "AND (SELECT count(*) FROM chat_memberships m WHERE m.channel_id = ch.id AND m.user_id = ANY (?)) = ? "
                + "ORDER BY ch.created LIMIT 1", ChatRepository::channel,
                worldId, members.size(), c.createArrayOf("uuid", members.toArray()), members.size());
    }

    /** The newest event id of any channel: clients page back from one past it. */
    public long lastEventId(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT coalesce(max(id), 0) FROM chat_events", r -> r.getLong(1)).orElse(0L);
    }

    /** The newest event of the channel that is not a member joining or leaving (0 for none). */
    public long newestMessageId(Connection c, UUID channel) throws SQLException {
        return Jdbc.one(c, "SELECT coalesce(max(id), 0) FROM chat_events WHERE channel_id = ? AND event_type <> 'channel.member'",
                r -> r.getLong(1), channel).orElse(0L);
    }

    public List<UUID> members(Connection c, UUID channel) throws SQLException {
        return Jdbc.list(c, "SELECT user_id FROM chat_memberships WHERE channel_id = ? ORDER BY user_id",
                r -> r.getObject(1, UUID.class), channel);
    }

    /** Which of these users are members of the channel. */
    public List<UUID> membersAmong(Connection c, UUID channel, Collection<UUID> users) throws SQLException {
        return Jdbc.list(c, "SELECT user_id FROM chat_memberships WHERE channel_id = ? AND user_id = ANY (?)",
                r -> r.getObject(1, UUID.class), channel, c.createArrayOf("uuid", users.toArray()));
    }

    /** Whether the user is a member; empty when not, else whether the membership is volatile. */
    public Optional<Boolean> membership(Connection c, UUID channel, UUID user) throws SQLException {
        return Jdbc.one(c, "SELECT volatile FROM chat_memberships WHERE channel_id = ? AND user_id = ?",
                r -> r.getBoolean(1), channel, user);
    }

    /**
     * Makes the user a member; true when they were not one before. A volatile member who joins for
     * good stays for good.
     */
    public boolean join(Connection c, UUID channel, UUID user, boolean volatileMember) throws SQLException {
        int added = Jdbc.update(c, "INSERT INTO chat_memberships (channel_id, user_id, volatile) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", channel, user, volatileMember);
        if (added == 0 && !volatileMember) {
            Jdbc.update(c, "UPDATE chat_memberships SET volatile = false WHERE channel_id = ? AND user_id = ? AND volatile",
                    channel, user);
        }
        return added == 1;
    }

    /** Notes that this socket looks at the channel in which its user may be a volatile member. */
    public void trackVolatileSocket(Connection c, UUID channel, UUID user, String socket, String node) throws SQLException {
        Jdbc.update(c, "INSERT INTO chat_volatile_sockets (channel_id, user_id, socket_id, node_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", channel, user, socket, node);
    }

    public void forgetVolatileSocket(Connection c, UUID channel, UUID user, String socket) throws SQLException {
        Jdbc.update(c, "DELETE FROM chat_volatile_sockets WHERE channel_id = ? AND user_id = ? AND socket_id = ?",
                channel, user, socket);
    }

    /** Forgets the sockets a node had before it started (they closed with it). */
    public void forgetVolatileSocketsOf(Connection c, String node) throws SQLException {
        Jdbc.update(c, "DELETE FROM chat_volatile_sockets WHERE node_id = ?", node);
    }

    /** How many of the user's sockets on these nodes still look at the channel. */
    public long volatileSockets(Connection c, UUID channel, UUID user, Collection<String> liveNodes) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM chat_volatile_sockets WHERE channel_id = ? AND user_id = ? AND node_id = ANY (?)",
                r -> r.getLong(1), channel, user, c.createArrayOf("varchar", liveNodes.toArray())).orElse(0L);
    }

    public boolean leave(Connection c, UUID channel, UUID user) throws SQLException {
        return Jdbc.update(c, "DELETE FROM chat_memberships WHERE channel_id = ? AND user_id = ?", channel, user) == 1;
    }

    public void hide(Connection c, UUID channel, UUID user) throws SQLException {
        Jdbc.update(c, "UPDATE chat_memberships SET hidden = true WHERE channel_id = ? AND user_id = ?", channel, user);
    }

    /** Shows the channel again to the members who hid it; returns them. */
    public List<UUID> unhide(Connection c, UUID channel) throws SQLException {
        return Jdbc.list(c, "UPDATE chat_memberships SET hidden = false WHERE channel_id = ? AND hidden RETURNING user_id",
                r -> r.getObject(1, UUID.class), channel);
    }

    /** The channels of the world the user is in for good and has not hidden, with their newest message's id. */
    public List<Membership> channelsOf(Connection c, String worldId, UUID user) throws SQLException {
        return Jdbc.list(c, "SELECT m.channel_id, ch.room_id IS NULL AS direct, m.volatile, m.hidden, "
                + "(SELECT coalesce(max(e.id), 0) FROM chat_events e WHERE e.channel_id = m.channel_id "
                + "AND e.event_type <> 'channel.member') AS unread_pointer "
                + "FROM chat_memberships m JOIN chat_channels ch ON ch.id = m.channel_id "
                + "WHERE ch.world_id = ? AND m.user_id = ? AND NOT m.volatile AND NOT m.hidden ORDER BY m.channel_id",
                r -> new Membership(r.getObject(1, UUID.class), r.getBoolean(2), r.getBoolean(3), r.getBoolean(4),
                        r.getLong(5)), worldId, user);
    }

    /** Stores a new event; its id is the next of the cluster-wide sequence. */
    public ChatEvent append(Connection c, UUID channel, UUID sender, String eventType, JsonNode content, Long replaces)
            throws SQLException {
        return Jdbc.one(c, "INSERT INTO chat_events AS e (channel_id, sender, event_type, content, replaces) "
                + "VALUES (?, ?, ?, ?::jsonb, ?) RETURNING " + EVENT_COLUMNS, r -> event(r, Map.of()),
                channel, sender, eventType, content.toString(), replaces).orElseThrow();
    }

    public Optional<ChatEvent> event(Connection c, UUID channel, long id) throws SQLException {
        Optional<ChatEvent> bare = Jdbc.one(c, "SELECT " + EVENT_COLUMNS + " FROM chat_events e WHERE e.channel_id = ? AND e.id = ?",
                r -> event(r, Map.of()), channel, id);
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, Map<String, List<UUID>>> reactions = reactions(c, List.of(id));
        return Optional.of(withReactions(bare.get(), reactions));
    }

    /** Gives a message its newest content (an edit, or the deleted marker), marking it edited now. */
    public void replaceContent(Connection c, long id, JsonNode content) throws SQLException {
        Jdbc.update(c, "UPDATE chat_events SET content = ?::jsonb, edited = now() WHERE id = ?", content.toString(), id);
    }

    /**
     * The newest {@code count} events before {@code beforeId}, oldest first, with their reactions;
     * without member events when {@code skipMembers} (a volatile room's chat).
     */
    public List<ChatEvent> page(Connection c, UUID channel, long beforeId, int count, boolean skipMembers)
            throws SQLException {
        List<ChatEvent> newestFirst = Jdbc.list(c, "SELECT " + EVENT_COLUMNS + " FROM chat_events e "
                + "WHERE e.channel_id = ? AND e.id < ?" + (skipMembers ? " AND e.event_type <> 'channel.member'" : "")
                + " ORDER BY e.id DESC LIMIT ?", r -> event(r, Map.of()), channel, beforeId, Math.min(count, MAX_PAGE));
        Map<Long, Map<String, List<UUID>>> reactions = reactions(c, newestFirst.stream().map(ChatEvent::id).toList());
        List<ChatEvent> page = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            page.add(withReactions(newestFirst.get(i), reactions));
        }
        return page;
    }

    public void react(Connection c, long event, String reaction, UUID user) throws SQLException {
        Jdbc.update(c, "INSERT INTO chat_reactions (event_id, reaction, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event, reaction, user);
    }

    public void unreact(Connection c, long event, String reaction, UUID user) throws SQLException {
        Jdbc.update(c, "DELETE FROM chat_reactions WHERE event_id = ? AND reaction = ? AND user_id = ?", event, reaction, user);
    }

    /** The user's read pointers in the world's channels: channel id → event id. */
    public Map<String, Long> readPointers(Connection c, String worldId, UUID user) throws SQLException {
        Map<String, Long> pointers = new LinkedHashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT p.channel_id, p.event_id FROM chat_read_pointers p "
                + "JOIN chat_channels ch ON ch.id = p.channel_id WHERE ch.world_id = ? AND p.user_id = ? ORDER BY p.channel_id",
                r -> new Object[] {r.getObject(1, UUID.class).toString(), r.getLong(2)}, worldId, user)) {
            pointers.put((String) row[0], (Long) row[1]);
        }
        return pointers;
    }

    public void markRead(Connection c, UUID user, UUID channel, long event) throws SQLException {
        Jdbc.update(c, "INSERT INTO chat_read_pointers (user_id, channel_id, event_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (user_id, channel_id) DO UPDATE SET event_id = excluded.event_id", user, channel, event);
    }

    public void notify(Connection c, long event, Collection<UUID> recipients) throws SQLException {
        for (UUID recipient : recipients) {
            Jdbc.update(c, "INSERT INTO chat_notifications (event_id, recipient) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event, recipient);
        }
    }

    /** Drops the user's notifications of the channel up to the event they read; true when there were any. */
    public boolean clearNotifications(Connection c, UUID user, UUID channel, long upTo) throws SQLException {
        return Jdbc.update(c, "DELETE FROM chat_notifications n USING chat_events e WHERE n.event_id = e.id "
                + "AND n.recipient = ? AND e.channel_id = ? AND n.event_id <= ?", user, channel, upTo) > 0;
    }

    /** How many notifications the user has in each of the world's channels: channel id → count. */
    public Map<String, Long> notificationCounts(Connection c, String worldId, UUID user) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT e.channel_id, count(*) FROM chat_notifications n "
                + "JOIN chat_events e ON e.id = n.event_id JOIN chat_channels ch ON ch.id = e.channel_id "
                + "WHERE ch.world_id = ? AND n.recipient = ? GROUP BY e.channel_id ORDER BY e.channel_id",
                r -> new Object[] {r.getObject(1, UUID.class).toString(), r.getLong(2)}, worldId, user)) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    private Map<Long, Map<String, List<UUID>>> reactions(Connection c, List<Long> events) throws SQLException {
        Map<Long, Map<String, List<UUID>>> byEvent = new LinkedHashMap<>();
        if (events.isEmpty()) {
            return byEvent;
        }
        for (Object[] row : Jdbc.list(c, "SELECT event_id, reaction, user_id FROM chat_reactions WHERE event_id = ANY (?) "
                + "ORDER BY event_id, reaction, created, user_id",
                r -> new Object[] {r.getLong(1), r.getString(2), r.getObject(3, UUID.class)},
                c.createArrayOf("bigint", events.toArray()))) {
            byEvent.computeIfAbsent((Long) row[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((UUID) row[2]);
        }
        return byEvent;
    }

    private static ChatEvent withReactions(ChatEvent e, Map<Long, Map<String, List<UUID>>> reactions) {
        Map<String, List<UUID>> of = reactions.get(e.id());
        return of == null ? e : new ChatEvent(e.id(), e.channel(), e.sender(), e.timestamp(), e.eventType(), e.content(),
                e.edited(), e.replaces(), of);
    }

    private static Channel channel(ResultSet r) throws SQLException {
        return new Channel(r.getObject("id", UUID.class), r.getString("world_id"), r.getObject("room_id", UUID.class));
    }

    private static ChatEvent event(ResultSet r, Map<String, List<UUID>> reactions) throws SQLException {
        long replaces = r.getLong("replaces");
        Long replaced = r.wasNull() ? null : replaces;
        JsonNode content;
        try {
            content = ChatEvent.JSON.readTree(r.getString("content"));
        } catch (JsonProcessingException e) {
            throw new SQLException("chat event " + r.getLong("id") + " has unreadable content", e);
        }
        return new ChatEvent(r.getLong("id"), r.getObject("channel_id", UUID.class), r.getObject("sender", UUID.class),
                Jdbc.instant(r, "timestamp"), r.getString("event_type"), content, Jdbc.instant(r, "edited"), replaced,
                reactions);
    }
}
