package org.stoa.shell;

/**
 * The whiteboard of {@code stoa:shell-plus}: a service registered with {@value #NAME} is bound
 * at that console as the session variable of that name ({@code $worlds}), and the help shows
 * its {@value #EXAMPLE}. A plugin adds its own variable with the same two properties:
 *
 * <pre>
 * &#64;Component(service = NoteBook.class, property = {
 *         ShellVariable.NAME + "=notes", ShellVariable.EXAMPLE + "=$notes list"})
 * </pre>
 */
public final class ShellVariable {

    /** The variable's name: lower-case letters, digits and underscores. */
    public static final String NAME = "stoa.shell.name";

    /** One Gogo call on the variable that works and prints something, e.g. {@code $worlds list}. */
    public static final String EXAMPLE = "stoa.shell.example";

    private ShellVariable() {
    }
}
