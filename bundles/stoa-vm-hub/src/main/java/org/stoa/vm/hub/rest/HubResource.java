package org.stoa.vm.hub.rest;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.internal.VmHub;

/**
 * What spokes ask of the hub: {@code POST /hub/operations/{id}/claim} with the spoke's token.
 * Of all spokes offered a create, the database lets exactly one claim win.
 */
@Component(service = HubResource.class)
@JaxrsResource
@Path("/hub")
@Produces(MediaType.APPLICATION_JSON)
public class HubResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VmHub hub;

    @Activate
    public HubResource(@Reference VmHub hub) {
        this.hub = hub;
    }

    @POST
    @Path("operations/{operation}/claim")
    public Response claim(@PathParam("operation") long operation, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            String body) {
        String host = host(body);
        try {
            if (host == null || auth == null || !auth.startsWith("Bearer ")
                    || !hub.authenticate(host, auth.substring("Bearer ".length()).trim())) {
                return answer(Response.Status.UNAUTHORIZED, JSON.createObjectNode().put("error", "wrong or missing token"));
            }
            return answer(Response.Status.OK, JSON.createObjectNode().put("claimed", hub.claim(operation, host)));
        } catch (HubException e) {
            return answer(Response.Status.BAD_REQUEST, JSON.createObjectNode().put("error", e.getMessage()));
        }
    }

    private static String host(String body) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            return json != null && json.path("host").isTextual() ? json.get("host").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Response answer(Response.Status status, JsonNode json) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }
}
