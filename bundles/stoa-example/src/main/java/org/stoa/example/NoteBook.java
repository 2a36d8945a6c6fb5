package org.stoa.example;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Notes kept by the example plugin: the smallest thing that needs a schema of its own. This is
 * the plugin's API, what its commands, its WebSocket actions and other bundles call; each method
 * is one transaction, and a failure is a {@link NoteException}, never an {@code SQLException}.
 */
@ProviderType
public interface NoteBook {

    /** Stores a note; refused ({@link NoteException.Reason#INVALID}) when the text is blank. */
    Note add(String text) throws NoteException;

    /** Every note, oldest first. */
    List<Note> list() throws NoteException;
}
