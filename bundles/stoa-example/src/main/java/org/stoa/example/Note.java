package org.stoa.example;

import java.time.Instant;

/** One stored note. */
public record Note(long id, String text, Instant created) {

    /** How a note reads on the console and in {@code notes.list}: its id, a space, its text. */
    public String line() {
        return id + " " + text;
    }
}
