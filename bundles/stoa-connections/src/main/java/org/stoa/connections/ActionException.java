package org.stoa.connections;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A refusal the client sees as {@code ["error", id, {"code", "message"?, "details"?}]}; the socket
 * stays open.
 */
public final class ActionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient JsonNode details;

    public ActionException(String code) {
        this(code, null, null);
    }

    public ActionException(String code, String message) {
        this(code, message, null);
    }

    public ActionException(String code, String message, JsonNode details) {
        super(message == null ? code : message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public String code() {
        return code;
    }

    /** The human-readable message, or null when the code says it all. */
    public String message() {
        String message = getMessage();
        return message.equals(code) ? null : message;
    }

    public JsonNode details() {
        return details;
    }
}
