package org.stoa.worlds.rest;

import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.Room;
import org.stoa.worlds.World;
import org.stoa.worlds.internal.JsonForms;

/** The API's JSON: worlds and rooms as venueless serialized them, bodies read, pages cut. */
final class ApiJson {

    static final ObjectMapper MAPPER = JsonForms.MAPPER;
    static final int PAGE_SIZE = 50;

    private ApiJson() {
    }

    static ObjectNode world(World w) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", w.id());
        json.put("title", w.title());
        json.set("config", w.config());
        json.set("trait_grants", JsonForms.traitGrants(w.traitGrants()));
        json.set("roles", JsonForms.roles(w.roles()));
        json.put("domain", w.domain());
        return json;
    }

    static ObjectNode room(Room r) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", r.id().toString());
        json.put("deleted", r.deleted());
        json.set("trait_grants", JsonForms.traitGrants(r.traitGrants()));
        json.set("module_config", r.moduleConfig());
        json.put("name", r.name());
        json.put("description", r.description());
        json.put("picture", r.picture());
        json.put("sorting_priority", r.sortingPriority());
        json.put("pretalx_id", r.pretalxId());
        json.put("import_id", r.importId());
        return json;
    }

    /** A request body, as the JSON provider read it, that must be a JSON object (null: there was none). */
    static ObjectNode object(JsonNode body) {
        if (body instanceof ObjectNode object) {
            return object;
        }
        throw ApiError.badRequest("the body must be a JSON object");
    }

    /**
     * Where and why a body is not JSON, as DRF words it. Never the body itself: Jackson's own
     * messages may quote it back.
     */
    static String parseError(JsonProcessingException e) {
        String why = e.getOriginalMessage();
        // "(start marker at [Source: (String)"{..."; line: 1, column: 1])" quotes the body.
        int pointer = why.indexOf("(start marker at");
        why = (pointer < 0 ? why : why.substring(0, pointer)).lines().findFirst().orElse("").strip();
        JsonLocation at = e.getLocation();
        return "JSON parse error - " + why
                + (at == null ? "" : ": line " + at.getLineNr() + " column " + at.getColumnNr());
    }

    static Response ok(JsonNode json) {
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response created(JsonNode json) {
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }

    /** Page {@code page} (from 1) of the rooms as {@code {count, next, previous, results}}. */
    /** One page of rooms; {@code pageParameter} is the query's {@code page}, as the client sent it. */
    static Response page(List<Room> rooms, String pageParameter, UriInfo uri) {
        int pages = Math.max(1, (rooms.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page;
        try {
            page = Integer.parseInt(pageParameter.strip());
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1 || page > pages) {
            // What Django REST framework's paginator answers.
            throw ApiError.notFound("Invalid page.");
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.put("count", rooms.size());
        json.put("next", page < pages ? uri.getRequestUriBuilder().replaceQueryParam("page", page + 1).build().toString() : null);
        json.put("previous", page > 1 ? uri.getRequestUriBuilder().replaceQueryParam("page", page - 1).build().toString() : null);
        var results = json.putArray("results");
        rooms.subList((page - 1) * PAGE_SIZE, Math.min(rooms.size(), page * PAGE_SIZE)).forEach(r -> results.add(room(r)));
        return ok(json);
    }
}
