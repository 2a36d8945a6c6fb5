package org.stoa.example.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;

import org.junit.jupiter.api.Test;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.Client;
import org.stoa.example.Note;
import org.stoa.example.NoteBook;
import org.stoa.example.NoteException;
import org.stoa.example.NoteException.Reason;

/**
 * The WebSocket namespace without a server or a database: what a request turns into, given a
 * note book kept in memory and a client that records its replies.
 */
class NotesActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A note book in a list; {@code failing} makes every call fail as a database would. */
    private static final class MemoryNoteBook implements NoteBook {
        final List<Note> notes = new ArrayList<>();
        boolean failing;

        @Override
        public Note add(String text) throws NoteException {
            if (failing) {
                throw new NoteException(Reason.UNAVAILABLE, "database error: gone");
            }
            Note note = new Note(notes.size() + 1, text, Instant.now());
            notes.add(note);
            return note;
        }

        @Override
        public List<Note> list() throws NoteException {
            if (failing) {
                throw new NoteException(Reason.UNAVAILABLE, "database error: gone");
            }
            return List.copyOf(notes);
        }
    }

    /** Keeps the last reply. */
    private static final class RecordingClient implements Client {
        JsonNode replied;
        final Map<String, Object> attributes = new ConcurrentHashMap<>();

        @Override
        public String socketId() {
            return "socket-1";
        }

        @Override
        public String worldId() {
            return "myworld";
        }

        @Override
        public String userId() {
            return "user-1";
        }

        @Override
        public Map<String, Object> attributes() {
            return attributes;
        }

        @Override
        public void reply(Action action, JsonNode data) {
            replied = data;
        }

        @Override
        public void push(String event, JsonNode payload) {
            throw new AssertionError("notes push nothing: " + event);
        }

        @Override
        public void reload() {
            throw new AssertionError("notes reload no one");
        }
    }

    private final MemoryNoteBook book = new MemoryNoteBook();
    private final RecordingClient client = new RecordingClient();
    private final NotesActions actions = new NotesActions(book);

    private static Action action(String name, String body) throws Exception {
        return new Action(name, IntNode.valueOf(1), JSON.readTree(body));
    }

    @Test
    void addRepliesWithTheNewNotesIdAndListWithEveryNoteAsALine() throws Exception {
        assertTrue(actions.handle(client, action("notes.add", "{\"text\":\"hello\"}")));
        assertEquals("{\"id\":1}", client.replied.toString());

        actions.handle(client, action("notes.add", "{\"text\":\"again\"}"));
        assertTrue(actions.handle(client, action("notes.list", "{}")));
        assertEquals("{\"notes\":[\"1 hello\",\"2 again\"]}", client.replied.toString());
    }

    @Test
    void textThatIsNotANonEmptyStringIsRefusedBeforeTheNoteBookSeesIt() throws Exception {
        for (String body : List.of("{}", "{\"text\":42}", "{\"text\":\" \"}", "[]")) {
            ActionException e = assertThrows(ActionException.class, () -> actions.handle(client, action("notes.add", body)));
            assertEquals("notes.invalid", e.code(), body);
            assertEquals("text: a non-empty string", e.message(), body);
        }
        assertTrue(book.notes.isEmpty());
        assertNull(client.replied);
    }

    @Test
    void aFailingNoteBookIsNotesUnavailableWithItsOneLine() throws Exception {
        book.failing = true;

        ActionException e = assertThrows(ActionException.class, () -> actions.handle(client, action("notes.list", "{}")));

        assertEquals("notes.unavailable", e.code());
        assertEquals("database error: gone", e.message());
    }

    @Test
    void anActionOfTheNamespaceItDoesNotKnowIsLeftToTheServer() throws Exception {
        assertFalse(actions.handle(client, action("notes.delete", "{\"id\":1}")));
        assertNull(client.replied);
    }
}
