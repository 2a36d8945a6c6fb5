package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/**
 * Where a value stands in a JSON document, written as {@code rooms[3].modules}. A key that is
 * not a plain word is written quoted, as {@code world["bbb-defaults"]}, so the path stays
 * unambiguous.
 */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath("");

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_]+");

    private final String text;

    private JsonPath(String text) {
        this.text = text;
    }

    /** The path of the value a streaming parser is at. */
    static JsonPath of(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return ROOT;
        }
        JsonPath parent = of(context.getParent());
        return context.inArray() ? parent.index(context.getCurrentIndex()) : parent.key(context.getCurrentName());
    }

    JsonPath key(String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return new JsonPath(text + "[" + quoted(key) + "]");
        }
        return new JsonPath(text.isEmpty() ? key : text + "." + key);
    }

    JsonPath index(int index) {
        return new JsonPath(text + "[" + index + "]");
    }

    /** {@code text} as a JSON string literal, so quotes and line breaks in it cannot garble a message. */
    static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(root)" : text;
    }
}
