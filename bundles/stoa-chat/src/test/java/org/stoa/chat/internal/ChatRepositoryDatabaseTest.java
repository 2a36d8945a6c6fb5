package org.stoa.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;

/** The chat tables on the real PostgreSQL, with the bundle's own migrations. */
class ChatRepositoryDatabaseTest {

    private final ChatRepository repository = new ChatRepository();
    private final UUID room = UUID.randomUUID();
    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c = TestPostgres.connect(TestMigrations.newDatabaseWith("stoa-chat", "db"));
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static ObjectNode text(String body) {
        ObjectNode content = ChatEvent.JSON.createObjectNode();
        content.put("type", "text");
        content.put("body", body);
        return content;
    }

    @Test
    void aRoomsChannelHasTheRoomsIdAndIsMadeOnce() throws SQLException {
        Channel first = repository.roomChannel(c, "w", room);
        Channel again = repository.roomChannel(c, "w", room);
        assertEquals(new Channel(room, "w", room), first);
        assertEquals(first, again);
        assertFalse(first.isDirect());
        assertEquals(Optional.empty(), repository.channel(c, UUID.randomUUID()));
    }

    @Test
    void theMissingChannelsOfChatRoomsAreMadeAndTheExistingOnesKept() throws SQLException {
        UUID other = UUID.randomUUID();
        repository.roomChannel(c, "w", room);
        assertEquals(1, repository.ensureRoomChannels(c, "w", List.of(room, other)));
        assertEquals(0, repository.ensureRoomChannels(c, "w", List.of(room, other)));
        assertEquals(new Channel(other, "w", other), repository.channel(c, other).orElseThrow());
    }

    @Test
    void volatileSocketsCountOnLiveNodesOnly() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        repository.trackVolatileSocket(c, channel.id(), ann, "s1", "node-a");
        repository.trackVolatileSocket(c, channel.id(), ann, "s1", "node-a");
        repository.trackVolatileSocket(c, channel.id(), ann, "s2", "node-b");
        repository.trackVolatileSocket(c, channel.id(), bob, "s3", "node-a");
        assertEquals(2, repository.volatileSockets(c, channel.id(), ann, Set.of("node-a", "node-b")));
        assertEquals(1, repository.volatileSockets(c, channel.id(), ann, Set.of("node-b")), "a dead node's sockets are gone");
        repository.forgetVolatileSocket(c, channel.id(), ann, "s2");
        assertEquals(1, repository.volatileSockets(c, channel.id(), ann, Set.of("node-a", "node-b")));
        repository.forgetVolatileSocketsOf(c, "node-a");
        assertEquals(0, repository.volatileSockets(c, channel.id(), ann, Set.of("node-a", "node-b")));
        assertEquals(0, repository.volatileSockets(c, channel.id(), bob, Set.of("node-a")));
    }

    @Test
    void eventIdsIncreaseAndAPageIsTheNewestBeforeTheCursorOldestFirst() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(repository.append(c, channel.id(), ann, "channel.message", text("m" + i), null).id());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1));
        }
        assertEquals(ids.get(4), repository.lastEventId(c));

        List<ChatEvent> page = repository.page(c, channel.id(), ids.get(4), 2, false);
        assertEquals(List.of(ids.get(2), ids.get(3)), page.stream().map(ChatEvent::id).toList());
        assertEquals("m2", page.get(0).content().path("body").asText());
        assertEquals(ann, page.get(0).sender());
        assertEquals(3, repository.page(c, channel.id(), ids.get(3), 1000, false).size());
    }

    @Test
    void memberEventsAreLeftOutOfVolatilePagesAndOfTheUnreadPointer() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        ObjectNode join = ChatEvent.JSON.createObjectNode().put("membership", "join");
        long message = repository.append(c, channel.id(), ann, "channel.message", text("hi"), null).id();
        long member = repository.append(c, channel.id(), bob, "channel.member", join, null).id();
        assertEquals(List.of(message, member), repository.page(c, channel.id(), member + 1, 25, false).stream().map(ChatEvent::id).toList());
        assertEquals(List.of(message), repository.page(c, channel.id(), member + 1, 25, true).stream().map(ChatEvent::id).toList());
        assertEquals(message, repository.newestMessageId(c, channel.id()));
    }

    @Test
    void anEditReplacesTheMessagesContentAndNamesIt() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        ChatEvent original = repository.append(c, channel.id(), ann, "channel.message", text("helo"), null);
        repository.replaceContent(c, original.id(), text("hello"));
        ChatEvent edit = repository.append(c, channel.id(), ann, "channel.message", text("hello"), original.id());
        ChatEvent stored = repository.event(c, channel.id(), original.id()).orElseThrow();
        assertEquals("hello", stored.content().path("body").asText());
        assertTrue(stored.edited() != null);
        assertEquals(original.id(), edit.replaces());
        assertEquals(original.id(), edit.toJson().path("replaces").asLong());
        assertEquals(Optional.empty(), repository.event(c, UUID.randomUUID(), original.id()), "another channel's id finds nothing");
    }

    @Test
    void membershipsJoinLeaveAndTheChannelList() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        assertTrue(repository.join(c, channel.id(), ann, true));
        assertEquals(Optional.of(true), repository.membership(c, channel.id(), ann));
        assertEquals(List.of(), repository.channelsOf(c, "w", ann), "a volatile membership is not listed");
        assertFalse(repository.join(c, channel.id(), ann, false), "already a member");
        assertEquals(Optional.of(false), repository.membership(c, channel.id(), ann), "joined for good now");
        long message = repository.append(c, channel.id(), bob, "channel.message", text("hi"), null).id();
        assertEquals(List.of(new ChatRepository.Membership(channel.id(), false, false, false, message)),
                repository.channelsOf(c, "w", ann));
        assertEquals(List.of(), repository.channelsOf(c, "other", ann), "another world's channels are not listed");
        assertTrue(repository.leave(c, channel.id(), ann));
        assertFalse(repository.leave(c, channel.id(), ann));
        assertEquals(Optional.empty(), repository.membership(c, channel.id(), ann));
    }

    @Test
    void directChannelsAreFoundByExactlyTheirMembersAndShowAgainWhenHidden() throws SQLException {
        UUID cat = UUID.randomUUID();
        Channel direct = repository.createDirect(c, "w", List.of(ann, bob), true, ann);
        assertTrue(direct.isDirect());
        assertEquals(Optional.of(direct), repository.directWith(c, "w", Set.of(bob, ann)));
        assertEquals(Optional.empty(), repository.directWith(c, "w", Set.of(ann, bob, cat)));
        assertEquals(Optional.empty(), repository.directWith(c, "w", Set.of(ann)));
        assertEquals(Optional.empty(), repository.directWith(c, "other", Set.of(ann, bob)));
        assertEquals(1, repository.channelsOf(c, "w", ann).size(), "shown to its maker");
        assertEquals(0, repository.channelsOf(c, "w", bob).size(), "hidden from the other until a message");
        assertEquals(List.of(bob), repository.unhide(c, direct.id()));
        assertEquals(1, repository.channelsOf(c, "w", bob).size());
        repository.hide(c, direct.id(), ann);
        assertEquals(0, repository.channelsOf(c, "w", ann).size());
    }

    @Test
    void reactionsReadPointersAndNotifications() throws SQLException {
        Channel channel = repository.roomChannel(c, "w", room);
        long first = repository.append(c, channel.id(), ann, "channel.message", text("@" + bob), null).id();
        long second = repository.append(c, channel.id(), ann, "channel.message", text("again @" + bob), null).id();
        repository.react(c, first, "👍", bob);
        repository.react(c, first, "👍", ann);
        repository.react(c, first, "👍", ann);
        assertEquals(Map.of("👍", List.of(bob, ann)), repository.event(c, channel.id(), first).orElseThrow().reactions());
        assertEquals(List.of(bob.toString(), ann.toString()),
                ChatEvent.JSON.convertValue(repository.page(c, channel.id(), second, 1, false).get(0).toJson()
                        .path("reactions").path("👍"), List.class));
        repository.unreact(c, first, "👍", bob);
        assertEquals(Map.of("👍", List.of(ann)), repository.event(c, channel.id(), first).orElseThrow().reactions());

        repository.notify(c, first, List.of(bob));
        repository.notify(c, second, List.of(bob));
        assertEquals(Map.of(channel.id().toString(), 2L), repository.notificationCounts(c, "w", bob));
        repository.markRead(c, bob, channel.id(), first);
        assertTrue(repository.clearNotifications(c, bob, channel.id(), first));
        assertFalse(repository.clearNotifications(c, bob, channel.id(), first));
        assertEquals(Map.of(channel.id().toString(), 1L), repository.notificationCounts(c, "w", bob));
        repository.markRead(c, bob, channel.id(), second);
        assertEquals(Map.of(channel.id().toString(), second), repository.readPointers(c, "w", bob));
        assertEquals(Map.of(), repository.readPointers(c, "w", ann));
        assertNotEquals(first, second);
    }
}
