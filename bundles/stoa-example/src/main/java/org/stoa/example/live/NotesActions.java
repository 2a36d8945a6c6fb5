package org.stoa.example.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.example.Note;
import org.stoa.example.NoteBook;
import org.stoa.example.NoteException;

/**
 * A WebSocket namespace from a plugin: {@code notes.add {"text"}} and {@code notes.list}. It
 * exists while this bundle runs, on sockets that were open before it came. It only translates:
 * JSON in, a call to the {@link NoteBook}, JSON or an error code out.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=notes")
public class NotesActions implements ActionHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NoteBook notes;

    @Activate
    public NotesActions(@Reference NoteBook notes) {
        this.notes = notes;
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        try {
            switch (action.name()) {
                case "notes.add" -> {
                    JsonNode text = action.body().path("text");
                    if (!text.isTextual() || text.asText().isBlank()) {
                        throw new ActionException("notes.invalid", "text: a non-empty string");
                    }
                    ObjectNode added = JSON.createObjectNode();
                    added.put("id", notes.add(text.asText()).id());
                    client.reply(action, added);
                }
                case "notes.list" -> {
                    ObjectNode all = JSON.createObjectNode();
                    ArrayNode lines = all.putArray("notes");
                    for (Note note : notes.list()) {
                        lines.add(note.line());
                    }
                    client.reply(action, all);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (NoteException e) {
            throw new ActionException(switch (e.reason()) {
                case INVALID -> "notes.invalid";
                case UNAVAILABLE -> "notes.unavailable";
            }, e.getMessage());
        }
    }
}
