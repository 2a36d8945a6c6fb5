package org.stoa.worlds.rest;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.RoomChange;
import org.stoa.worlds.WorldChange;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.internal.config.InvalidWorldConfigException;
import org.stoa.worlds.internal.config.WorldConfigReader;

/**
 * The API's JSON bodies as the changes they ask for, with one clear message per mistake:
 * {@code <field>: <problem>}. A field that is absent changes nothing. What a value must be
 * beyond its JSON shape (a title's length, a domain nobody else has) the service checks.
 */
final class ChangeBodies {

    private static final Set<String> WORLD_FIELDS = Set.of("title", "domain", "config", "roles", "trait_grants");
    private static final Set<String> ROOM_FIELDS = Set.of("name", "description", "picture", "sorting_priority",
            "pretalx_id", "trait_grants", "module_config");

    private final ObjectNode body;

    private ChangeBodies(ObjectNode body) {
        this.body = body;
    }

    /** A {@code PATCH} of a world. */
    static WorldChange world(ObjectNode body) throws WorldException {
        ChangeBodies fields = of(body, WORLD_FIELDS);
        return new WorldChange(fields.string("title"), fields.string("domain"),
                fields.part("config", WorldConfigReader::worldConfig), fields.part("roles", WorldConfigReader::roles),
                fields.part("trait_grants", WorldConfigReader::traitGrants));
    }

    /** A new room, or a {@code PATCH}/{@code PUT} of one. */
    static RoomChange room(ObjectNode body) throws WorldException {
        ChangeBodies fields = of(body, ROOM_FIELDS);
        String name = fields.string("name");
        String description = fields.string("description");
        String picture = fields.string("picture");
        Integer sorting = fields.integer("sorting_priority");
        var traitGrants = fields.part("trait_grants", WorldConfigReader::traitGrants);
        ArrayNode modules = fields.modules("module_config");
        // An explicit null takes the pretalx id away; absent, it stays.
        Optional<Integer> pretalx = body.has("pretalx_id") ? Optional.ofNullable(fields.integer("pretalx_id")) : null;
        return new RoomChange(name, description, picture, sorting, pretalx, traitGrants, modules);
    }

    /** The body, refused when it holds a key not in {@code allowed}. */
    private static ChangeBodies of(ObjectNode body, Set<String> allowed) throws WorldException {
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new WorldException(name + ": unknown field");
            }
        }
        return new ChangeBodies(body);
    }

    private String string(String field) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WorldException(field + ": must be a string");
        }
        return value.asText();
    }

    private Integer integer(String field) throws WorldException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new WorldException(field + ": must be an integer");
        }
        return value.asInt();
    }

    /** A list of {@code {type, config}} objects, as rooms hold their modules. */
    private ArrayNode modules(String field) throws WorldException {
        if (part(field, WorldConfigReader::modules) == null) {
            return null;
        }
        return (ArrayNode) body.get(field);
    }

    private interface Part<T> {
        T read(JsonNode json, String field) throws InvalidWorldConfigException;
    }

    /** The structured parts are read by the world-config rules, so an update accepts exactly what a file may hold. */
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
