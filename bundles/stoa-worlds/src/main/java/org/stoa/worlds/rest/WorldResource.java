package org.stoa.worlds.rest;

import java.util.List;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.stoa.db.Transactions;
import org.stoa.worlds.Room;
import org.stoa.worlds.UnknownWorldException;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

/**
 * The venueless REST API: {@code /api/v1/worlds/{id}/} and its {@code rooms/}. Every call
 * needs a bearer token of the world carrying {@code world:api}, checked by
 * {@link ApiAuthentication} before a body is read; see PROTOCOL.md for the rest.
 */
@Component(service = WorldResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ApiApplication.SELECT)
@Path("/v1/worlds/{world}")
@Produces(MediaType.APPLICATION_JSON)
public class WorldResource {

    /** Any of the world:rooms.create.* permissions lets a caller create rooms here. */
    private static final String[] ROOM_CREATE = {
        "world:rooms.create.stage", "world:rooms.create.bbb", "world:rooms.create.chat",
        "world:rooms.create.exhibition", "world:rooms.create.poster"};

    private final WorldService worlds;

    @Context
    HttpServletRequest request;

    @Activate
    public WorldResource(@Reference WorldService worlds) {
        this.worlds = worlds;
    }

    @GET
    public Response world() {
        ApiAccess.Caller caller = caller().requireAll("world:secrets");
        return ApiJson.ok(ApiJson.world(caller.world()));
    }

    @PATCH
    @Consumes(MediaType.WILDCARD)
    public Response updateWorld(@PathParam("world") String world, JsonNode body) {
        caller().requireAll("world:secrets", "world:update");
        return ApiJson.ok(ApiJson.world(call(() -> worlds.update(world, ChangeBodies.world(ApiJson.object(body))))));
    }

    @GET
    @Path("rooms")
    public Response rooms(@PathParam("world") String world, @QueryParam("page") @DefaultValue("1") String page,
            @Context UriInfo uri) {
        ApiAccess.Caller caller = caller();
        List<Room> visible = call(() -> worlds.rooms(world)).stream().filter(r -> mayView(caller, r)).toList();
        return ApiJson.page(visible, page, uri);
    }

    @POST
    @Path("rooms")
    @Consumes(MediaType.WILDCARD)
    public Response createRoom(@PathParam("world") String world, JsonNode body) {
        ApiAccess.Caller caller = caller();
        if (!caller.mayAny(ROOM_CREATE)) {
            throw ApiError.forbidden(ApiAccess.NO_PERMISSION);
        }
        return ApiJson.created(ApiJson.room(call(() -> worlds.createRoom(world, ChangeBodies.room(ApiJson.object(body))))));
    }

    @GET
    @Path("rooms/{room}")
    public Response room(@PathParam("room") String room) {
        return ApiJson.ok(ApiJson.room(visibleRoom(caller(), room)));
    }

    @PATCH
    @Path("rooms/{room}")
    @Consumes(MediaType.WILDCARD)
    public Response patchRoom(@PathParam("world") String world, @PathParam("room") String room, JsonNode body) {
        return updateRoom(world, room, body);
    }

    @PUT
    @Path("rooms/{room}")
    @Consumes(MediaType.WILDCARD)
    public Response putRoom(@PathParam("world") String world, @PathParam("room") String room, JsonNode body) {
        return updateRoom(world, room, body);
    }

    @DELETE
    @Path("rooms/{room}")
    public Response deleteRoom(@PathParam("world") String world, @PathParam("room") String room) {
        ApiAccess.Caller caller = caller();
        Room r = mayChange(caller, visibleRoom(caller, room), "room:delete");
        call(() -> {
            worlds.deleteRoom(world, r.id());
            return null;
        });
        return Response.noContent().build();
    }

    private Response updateRoom(String world, String room, JsonNode body) {
        ApiAccess.Caller caller = caller();
        Room r = mayChange(caller, visibleRoom(caller, room), "room:update");
        return ApiJson.ok(ApiJson.room(call(() -> worlds.updateRoom(world, r.id(), ChangeBodies.room(ApiJson.object(body))))));
    }

    private ApiAccess.Caller caller() {
        return ApiAuthentication.caller(request);
    }

    /** A room the caller may see; any other answers 404, as if it did not exist. */
    private Room visibleRoom(ApiAccess.Caller caller, String room) {
        UUID id;
        try {
            id = UUID.fromString(room);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound();
        }
        return call(() -> worlds.room(caller.world().id(), id)).filter(r -> mayView(caller, r))
                .orElseThrow(ApiError::notFound);
    }

    private static boolean mayView(ApiAccess.Caller caller, Room room) {
        return caller.mayIn(room, "room:view");
    }

    private static Room mayChange(ApiAccess.Caller caller, Room room, String permission) {
        if (!caller.mayIn(room, permission)) {
            throw ApiError.forbidden(ApiAccess.NO_PERMISSION);
        }
        return room;
    }

    private interface ServiceCall<T> {
        T run() throws WorldException;
    }

    /** Service refusals become API errors: an unknown world 404, bad input 400. */
    private static <T> T call(ServiceCall<T> call) {
        try {
            return call.run();
        } catch (UnknownWorldException e) {
            throw ApiError.notFound();
        } catch (WorldException e) {
            if (Transactions.isDatabaseFailure(e.getMessage())) {
                throw ApiError.serverTrouble(e.getMessage());
            }
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
