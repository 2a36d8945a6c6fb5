package org.stoa.worlds.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.TraitRule;

/**
 * The JSON shapes of roles and trait grants, as stored in jsonb columns and shown by the API.
 * Input from users is validated elsewhere; this reads what was validated before it was stored.
 */
public final class JsonForms {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonForms() {
    }

    public static ObjectNode roles(Map<String, List<String>> roles) {
        ObjectNode json = MAPPER.createObjectNode();
        roles.forEach((role, permissions) -> permissions.forEach(json.putArray(role)::add));
        return json;
    }

    public static Map<String, List<String>> roles(JsonNode json) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> {
            List<String> permissions = new ArrayList<>();
            e.getValue().forEach(p -> permissions.add(p.asText()));
            roles.put(e.getKey(), List.copyOf(permissions));
        });
        return roles;
    }

    public static ObjectNode traitGrants(Map<String, TraitRule> grants) {
        ObjectNode json = MAPPER.createObjectNode();
        grants.forEach((role, rule) -> json.set(role, traitRule(rule)));
        return json;
    }

    /** A clause of one trait is written as that trait, as operators write it. */
    public static ArrayNode traitRule(TraitRule rule) {
        ArrayNode json = MAPPER.createArrayNode();
        for (List<String> clause : rule.clauses()) {
            if (clause.size() == 1) {
                json.add(clause.get(0));
            } else {
                clause.forEach(json.addArray()::add);
            }
        }
        return json;
    }

    public static Map<String, TraitRule> traitGrants(JsonNode json) {
        Map<String, TraitRule> grants = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> grants.put(e.getKey(), traitRule(e.getValue())));
        return grants;
    }

    public static TraitRule traitRule(JsonNode json) {
        List<List<String>> clauses = new ArrayList<>();
        for (JsonNode clause : json) {
            List<String> traits = new ArrayList<>();
            if (clause.isArray()) {
                clause.forEach(t -> traits.add(t.asText()));
            } else {
                traits.add(clause.asText());
            }
            clauses.add(traits);
        }
        return TraitRule.of(clauses);
    }

    public static List<String> strings(JsonNode json) {
        List<String> strings = new ArrayList<>();
        json.forEach(s -> strings.add(s.asText()));
        return List.copyOf(strings);
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
