package org.stoa.benchmarks.ws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the generator needs from a server frame without parsing all of it: the action (the first
 * string of the JSON array), a pong's value, an error's code. The frames are the server's own JSON, so
 * no full parser is needed; anything that does not look like {@code ["name", ...]} has no action.
 */
final class Messages {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{0,100})\"");

    private Messages() {
    }

    /** The action of {@code ["action", ...]}, or null. */
    static String action(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '[') {
            return null;
        }
        i = skipSpace(text, i + 1);
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        int end = text.indexOf('"', i + 1);
        return end < 0 ? null : text.substring(i + 1, end);
    }

    /** The number after the action, as in {@code ["pong", 1700000000000]}; -1 if there is none. */
    static long value(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            return -1;
        }
        int i = skipSpace(text, comma + 1);
        long v = 0;
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < 19) {
            v = v * 10 + (text.charAt(i) - '0');
            i++;
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    /** The code of an error frame ({@code ["error", {"code": "auth.denied"}]}), or "unknown". */
    static String errorCode(String text) {
        Matcher m = CODE.matcher(text);
        return m.find() ? m.group(1) : "unknown";
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
