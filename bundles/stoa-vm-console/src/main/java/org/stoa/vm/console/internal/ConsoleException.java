package org.stoa.vm.console.internal;

/** Something a customer asked that cannot be done, in one line meant for them. Nothing was changed. */
final class ConsoleException extends Exception {

    private static final long serialVersionUID = 1L;

    ConsoleException(String message) {
        super(message);
    }
}
