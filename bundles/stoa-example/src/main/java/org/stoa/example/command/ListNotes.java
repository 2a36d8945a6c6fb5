package org.stoa.example.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.example.Note;
import org.stoa.example.NoteBook;
import org.stoa.example.NoteException;
import org.stoa.shell.Failure;

@Command(scope = "example", name = "note-list", description = "List the example plugin's notes")
@Service
public class ListNotes implements Action {

    @Reference
    private NoteBook notes;

    @Override
    public Object execute() throws Exception {
        try {
            for (Note note : notes.list()) {
                System.out.println(note.line());
            }
        } catch (NoteException e) {
            throw Failure.of(e.getMessage());
        }
        return null;
    }
}
