package org.stoa.vm.hub.rest;

import java.util.Optional;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.stoa.rest.BearerToken;
import org.stoa.rest.JsonBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.Transactions;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.internal.VmHub;

/**
 * What spokes ask of the hub: {@code POST /hub/operations/{id}/claim} with the spoke's token.
 * Of all spokes offered a create, the database lets exactly one claim win. The token is the
 * named spoke's, so it is checked against the host the body names.
 */
@Component(service = HubResource.class)
@JaxrsResource
@JaxrsApplicationSelect(HubApplication.SELECT)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HubResource {

    private static final Logger LOG = LoggerFactory.getLogger(HubResource.class);

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
        Optional<String> token = BearerToken.of(auth).token();
        try {
            // The token first: only a caller holding some spoke's token gets its body parsed.
            if (token.isEmpty() || !hub.isSpokeToken(token.get())) {
                return wrongToken();
            }
            String host;
            try {
                ClaimRequest request = JsonBodies.MAPPER.readValue(body, ClaimRequest.class);
                host = request == null ? null : request.host();
            } catch (JsonProcessingException e) {
                return answer(Response.Status.BAD_REQUEST,
                        JSON.createObjectNode().put("error", "a claim is {\"host\": \"<spoke id>\"}"));
            }
            if (host == null || !hub.authenticate(host, token.get())) {
                return wrongToken();
            }
            return answer(Response.Status.OK, JSON.createObjectNode().put("claimed", hub.claim(operation, host)));
        } catch (HubException e) {
            if (Transactions.isDatabaseFailure(e.getMessage())) {
                // Logged whole for the operator; the spoke retries on 503 and gets no schema details.
                LOG.warn("spoke claim failed: {}", e.getMessage());
                return answer(Transactions.isDatabaseUnavailable(e.getMessage()) ? Response.Status.SERVICE_UNAVAILABLE
                        : Response.Status.INTERNAL_SERVER_ERROR, JSON.createObjectNode().put("error", "hub database failure"));
            }
            return answer(Response.Status.BAD_REQUEST, JSON.createObjectNode().put("error", e.getMessage()));
        }
    }

    static Response wrongToken() {
        return answer(Response.Status.UNAUTHORIZED, JSON.createObjectNode().put("error", "wrong or missing token"));
    }

    private static Response answer(Response.Status status, JsonNode json) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }
}
