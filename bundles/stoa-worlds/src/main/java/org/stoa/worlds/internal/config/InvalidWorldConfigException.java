package org.stoa.worlds.internal.config;

/**
 * A world-config file that cannot be imported. The message is one line meant for the operator:
 * the JSON path of the first problem and what is wrong there, as
 * {@code rooms[3].modules: missing}.
 */
public class InvalidWorldConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidWorldConfigException(String message) {
        super(message);
    }

    static InvalidWorldConfigException at(JsonPath path, String problem) {
        return new InvalidWorldConfigException(path + ": " + problem);
    }
}
