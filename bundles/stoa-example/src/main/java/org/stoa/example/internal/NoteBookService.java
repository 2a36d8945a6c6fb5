package org.stoa.example.internal;

import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.example.Note;
import org.stoa.example.NoteBook;
import org.stoa.example.NoteException;
import org.stoa.example.NoteException.Reason;
import org.stoa.shell.ShellVariable;

/**
 * The note book: checks what it is given, then runs the repository's statements in one
 * transaction each. It starts only once stoa-db has migrated this bundle, because it needs this
 * module's {@link ModuleSchema}, and stops when the schema goes.
 */
@Component(service = NoteBook.class, property = {
        ShellVariable.NAME + "=notes", ShellVariable.EXAMPLE + "=$notes list"})
public final class NoteBookService implements NoteBook {

    private final Transactions<NoteException> transactions;
    private final NoteBookRepository notes = new NoteBookRepository();

    @Activate
    public NoteBookService(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-example)") ModuleSchema schema) {
        this(schema.dataSource());
    }

    /** On a database whose schema is current, as the database test has it. */
    NoteBookService(DataSource database) {
        this.transactions = new Transactions<>(database, message -> new NoteException(Reason.UNAVAILABLE, message));
    }

    @Override
    public Note add(String text) throws NoteException {
        if (text == null || text.isBlank()) {
            throw new NoteException(Reason.INVALID, "a note needs some text");
        }
        return transactions.inTransaction(c -> notes.insert(c, text));
    }

    @Override
    public List<Note> list() throws NoteException {
        return transactions.inTransaction(notes::all);
    }
}
