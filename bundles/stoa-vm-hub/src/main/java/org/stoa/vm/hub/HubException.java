package org.stoa.vm.hub;

/** Bad input or a conflict, with a one-line message meant for the operator. Nothing was changed. */
public class HubException extends Exception {

    private static final long serialVersionUID = 1L;

    public HubException(String message) {
        super(message);
    }
}
