package org.stoa.worlds.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.TraitRule;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.internal.config.InvalidWorldConfigException;
import org.stoa.worlds.internal.config.WorldConfigReader;

/**
 * Reads the fields of a JSON update (a REST body) with one clear message per mistake:
 * {@code <field>: <problem>}. A field that is absent reads as null.
 */
final class Changes {

    private final ObjectNode body;

    private Changes(ObjectNode body) {
        this.body = body;
    }

    /** The body, refused when it holds a key not in {@code allowed}. */
    static Changes of(ObjectNode body, Set<String> allowed) throws WorldException {
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new WorldException(name + ": unknown field");
            }
        }
        return new Changes(body);
    }

    boolean has(String field) {
        return body.has(field);
    }

    String string(String field, int maxLength) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WorldException(field + ": must be a string");
        }
        if (value.asText().length() > maxLength) {
            throw new WorldException(field + ": at most " + maxLength + " characters");
        }
        return value.asText();
    }

    Integer integer(String field) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new WorldException(field + ": must be an integer");
        }
        return value.asInt();
    }

    /** The rest are read by the world-config rules, so an update accepts exactly what a file may hold. */
    ObjectNode config(String field) throws WorldException {
        return part(field, WorldConfigReader::worldConfig);
    }

    Map<String, List<String>> roles(String field) throws WorldException {
        return part(field, WorldConfigReader::roles);
    }

    Map<String, TraitRule> traitGrants(String field) throws WorldException {
        return part(field, WorldConfigReader::traitGrants);
    }

    /** A list of {@code {type, config}} objects, as rooms hold their modules. */
    ArrayNode modules(String field) throws WorldException {
        if (part(field, WorldConfigReader::modules) == null) {
            return null;
        }
        return (ArrayNode) body.get(field);
    }

    private interface Part<T> {
        T read(JsonNode json, String field) throws InvalidWorldConfigException;
    }

    private <T> T part(String field, Part<T> part) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        try {
            return part.read(value, field);
        } catch (InvalidWorldConfigException e) {
            throw new WorldException(e.getMessage());
        }
    }
}
