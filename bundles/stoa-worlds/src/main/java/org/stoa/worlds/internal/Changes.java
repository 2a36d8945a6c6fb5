package org.stoa.worlds.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.TraitRule;
import org.stoa.worlds.WorldException;

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

    ObjectNode object(String field) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new WorldException(field + ": must be an object");
        }
        return (ObjectNode) value;
    }

    Map<String, List<String>> roles(String field) throws WorldException {
        ObjectNode roles = object(field);
        if (roles == null) {
            return null;
        }
        for (var role : (Iterable<Map.Entry<String, JsonNode>>) roles::fields) {
            String path = field + "." + role.getKey();
            if (!role.getValue().isArray()) {
                throw new WorldException(path + ": must be a list of permissions");
            }
            for (JsonNode p : role.getValue()) {
                if (!p.isTextual()) {
                    throw new WorldException(path + ": must be a list of permissions");
                }
            }
        }
        return JsonForms.roles(roles);
    }

    Map<String, TraitRule> traitGrants(String field) throws WorldException {
        ObjectNode grants = object(field);
        if (grants == null) {
            return null;
        }
        for (var grant : (Iterable<Map.Entry<String, JsonNode>>) grants::fields) {
            checkTraitRule(field + "." + grant.getKey(), grant.getValue());
        }
        return JsonForms.traitGrants(grants);
    }

    /** A list of {@code {type, config}} objects, as rooms hold their modules. */
    ArrayNode modules(String field) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new WorldException(field + ": must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode module = value.get(i);
            String path = field + "[" + i + "]";
            if (!module.isObject()) {
                throw new WorldException(path + ": must be an object");
            }
            if (!module.path("type").isTextual()) {
                throw new WorldException(path + ".type: " + (module.has("type") ? "must be a string" : "missing"));
            }
            if (module.has("config") && !module.get("config").isObject()) {
                throw new WorldException(path + ".config: must be an object");
            }
            for (var key : (Iterable<String>) module::fieldNames) {
                if (!key.equals("type") && !key.equals("config")) {
                    throw new WorldException(path + "." + key + ": unknown key");
                }
            }
        }
        return (ArrayNode) value;
    }

    private static void checkTraitRule(String path, JsonNode rule) throws WorldException {
        String problem = path + ": must be a list of traits or lists of traits";
        if (!rule.isArray()) {
            throw new WorldException(problem);
        }
        for (JsonNode clause : rule) {
            if (clause.isArray()) {
                for (JsonNode trait : clause) {
                    if (!trait.isTextual()) {
                        throw new WorldException(problem);
                    }
                }
            } else if (!clause.isTextual()) {
                throw new WorldException(problem);
            }
        }
    }
}
