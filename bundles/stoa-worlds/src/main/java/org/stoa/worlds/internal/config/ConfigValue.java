package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of the world-config file together with its path, so that every check can name where
 * the problem is. Members and elements come in document order, which makes the first problem
 * found the first in the file.
 */
record ConfigValue(JsonNode node, JsonPath path) {

    /** Reads one value into its Java form, or says what is wrong with it. */
    @FunctionalInterface
    interface Reading<T> {
        T from(ConfigValue value) throws InvalidWorldConfigException;
    }

    InvalidWorldConfigException problem(String problem) {
        return InvalidWorldConfigException.at(path, problem);
    }

    InvalidWorldConfigException unknownKey() {
        return problem("unknown key");
    }

    /** {@code value} when a required member was there, else the problem naming the missing key. */
    <T> T require(T value, String key) throws InvalidWorldConfigException {
        if (value == null) {
            throw InvalidWorldConfigException.at(path.key(key), "missing");
        }
        return value;
    }

    String string() throws InvalidWorldConfigException {
        if (!node.isTextual()) {
            throw problem("must be a string");
        }
        return node.textValue();
    }

    /** A string that fits its column: {@code maxLength} characters at most. */
    String string(int maxLength) throws InvalidWorldConfigException {
        String text = string();
        if (text.length() > maxLength) {
            throw problem("at most " + maxLength + " characters");
        }
        return text;
    }

    int integer() throws InvalidWorldConfigException {
        if (!node.isIntegralNumber()) {
            throw problem("must be an integer");
        }
        if (!node.canConvertToInt()) {
            throw problem("is out of range");
        }
        return node.intValue();
    }

    ObjectNode object() throws InvalidWorldConfigException {
        if (!node.isObject()) {
            throw problem("must be an object");
        }
        return (ObjectNode) node;
    }

    ArrayNode list() throws InvalidWorldConfigException {
        if (!node.isArray()) {
            throw problem("must be a list");
        }
        return (ArrayNode) node;
    }

    /** The members of an object, in document order. */
    Map<String, ConfigValue> members() throws InvalidWorldConfigException {
        Map<String, ConfigValue> members = new LinkedHashMap<>();
        object().fields().forEachRemaining(
                member -> members.put(member.getKey(), new ConfigValue(member.getValue(), path.key(member.getKey()))));
        return members;
    }

    List<ConfigValue> elements() throws InvalidWorldConfigException {
        ArrayNode list = list();
        List<ConfigValue> elements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            elements.add(new ConfigValue(list.get(i), path.index(i)));
        }
        return elements;
    }

    <T> List<T> listOf(Reading<T> reading) throws InvalidWorldConfigException {
        List<T> values = new ArrayList<>();
        for (ConfigValue element : elements()) {
            values.add(reading.from(element));
        }
        return Collections.unmodifiableList(values);
    }

    /** An object whose every member is read the same way, keeping the file's order. */
    <T> Map<String, T> mapOf(Reading<T> reading) throws InvalidWorldConfigException {
        Map<String, T> values = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> member : members().entrySet()) {
            values.put(member.getKey(), reading.from(member.getValue()));
        }
        return Collections.unmodifiableMap(values);
    }
}
