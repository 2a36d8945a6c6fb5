package org.stoa.connections.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A label filter as venueless' commands took them (fnmatch): {@code *}, {@code ?} and {@code [...]}. */
final class Glob {

    private Glob() {
    }

    /**
     * @throws IllegalArgumentException in one line, for a glob no label could be matched with
     *                                  (a set such as {@code [z-a]})
     */
    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            int close = ch == '[' ? glob.indexOf(']', i + 2) : -1;
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                regex.append('[').append(set.startsWith("!") ? "^" + quoteSet(set.substring(1)) : quoteSet(set)).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid filter '" + glob + "': " + e.getDescription().toLowerCase(Locale.ROOT)
                    + "; a glob over labels such as 411b261.* or *.production");
        }
    }

    private static String quoteSet(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&").replace("^", "\\^");
    }
}
