package org.stoa.example.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.example.NoteBook;
import org.stoa.example.NoteException;
import org.stoa.shell.Failure;

@Command(scope = "example", name = "note-add", description = "Store a note in the example plugin's own table")
@Service
public class AddNote implements Action {

    @Argument(required = true, description = "the note")
    private String text;

    @Reference
    private NoteBook notes;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.println("Note " + notes.add(text).id() + " stored.");
        } catch (NoteException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
