package org.stoa.example.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.example.NoteBook;

@Command(scope = "example", name = "note-list", description = "List the example plugin's notes")
@Service
public class ListNotes implements Action {

    @Reference
    private NoteBook notes;

    @Override
    public Object execute() throws Exception {
        notes.list().forEach(System.out::println);
        return null;
    }
}
