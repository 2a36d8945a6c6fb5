package org.stoa.example.live;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.db.Transactions;
import org.stoa.example.NoteBook;

/**
 * A WebSocket namespace from a plugin: {@code notes.add {"text"}} and {@code notes.list}. It
 * exists while this bundle runs, on sockets that were open before it came.
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
                    if (!action.body().path("text").isTextual() || action.body().path("text").asText().isBlank()) {
                        throw new ActionException("notes.invalid", "text: a non-empty string");
                    }
                    ObjectNode added = JSON.createObjectNode();
                    added.put("id", notes.add(action.body().path("text").asText()));
                    client.reply(action, added);
                }
                case "notes.list" -> {
                    ObjectNode all = JSON.createObjectNode();
                    notes.list().forEach(all.putArray("notes")::add);
                    client.reply(action, all);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            throw new ActionException("notes.unavailable", Transactions.message(e));
        }
    }
}
