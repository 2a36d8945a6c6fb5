package org.stoa.vm.spoke.rest;

import java.util.Optional;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.stoa.vm.spoke.Hypervisor;
import org.stoa.vm.spoke.SpokeException;
import org.stoa.vm.spoke.VmSpec;
import org.stoa.vm.spoke.VmStatus;
import org.stoa.vm.spoke.internal.SpokeHypervisor;

/**
 * The spoke's HTTP API for its hub, under {@code /spoke/}. Every call carries the hub token,
 * checked by {@link HubToken} before the body is read; immediate operations are answered in the
 * request, and a create is done only after this spoke has won the operation's claim at the hub.
 */
@Component(service = SpokeResource.class, configurationPid = {SpokeHypervisor.PID, SpokeHypervisor.TOKEN_PID})
@JaxrsResource
@JaxrsApplicationSelect(SpokeApplication.SELECT)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SpokeResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hypervisor hypervisor;
    private final HubClaims claims;

    @Activate
    public SpokeResource(@Reference Hypervisor hypervisor, SpokeHypervisor.Config config,
            SpokeHypervisor.Token token) {
        this(hypervisor, SpokeSettings.of(config, token));
    }

    SpokeResource(Hypervisor hypervisor, SpokeSettings settings) {
        this.hypervisor = hypervisor;
        this.claims = new HubClaims(settings);
    }

    @POST
    @Path("heartbeat")
    public Response heartbeat() {
        return ok(JSON.createObjectNode().put("libvirt", hypervisor.describe()));
    }

    @GET
    @Path("vms")
    public Response list() {
        ObjectNode json = JSON.createObjectNode();
        answer(() -> hypervisor.list()).forEach(json.putArray("vms")::add);
        return ok(json);
    }

    @GET
    @Path("vms/{id}")
    public Response get(@PathParam("id") String id) {
        Optional<VmStatus> status = answer(() -> hypervisor.get(id));
        return status.map(s -> ok(status(s))).orElseGet(() -> error(Response.Status.NOT_FOUND, "no VM " + id + " on this spoke"));
    }

    @POST
    @Path("capacity")
    public Response capacity(CapacityQuestion question) {
        int memory = present(question).memory();
        return ok(JSON.createObjectNode().put("fits", answer(() -> hypervisor.hasCapacity(memory))));
    }

    @POST
    @Path("vms/{id}/{action: start|stop|force-stop}")
    public Response act(@PathParam("id") String id,
            @PathParam("action") String action) {
        answer(() -> {
            switch (action) {
                case "start" -> hypervisor.start(id);
                case "stop" -> hypervisor.stop(id);
                default -> hypervisor.forceStop(id);
            }
            return null;
        });
        return get(id);
    }

    @DELETE
    @Path("vms/{id}")
    public Response destroy(@PathParam("id") String id) {
        answer(() -> {
            hypervisor.destroy(id);
            return null;
        });
        return Response.noContent().build();
    }

    /**
     * Offered a create, the spoke takes it only if the VM fits here and the hub grants it the
     * claim; of all spokes offered the same operation, exactly one is granted it.
     */
    @POST
    @Path("create")
    public Response create(CreateOffer offer) {
        VmSpec spec = present(offer).spec();
        long operation = offer.operationId();
        if (!answer(() -> hypervisor.hasCapacity(spec.memoryMb()))) {
            return ok(JSON.createObjectNode().put("claimed", false).put("reason", "no capacity"));
        }
        if (!claims.claim(operation)) {
            return ok(JSON.createObjectNode().put("claimed", false).put("reason", "claimed by another spoke"));
        }
        answer(() -> {
            hypervisor.create(spec);
            return null;
        });
        ObjectNode json = JSON.createObjectNode().put("claimed", true);
        answer(() -> hypervisor.get(spec.id())).ifPresent(s -> json.set("status", status(s)));
        return ok(json);
    }

    private interface Call<T> {
        T run() throws SpokeException;
    }

    /** A hypervisor refusal becomes an HTTP error with its one-line message. */
    private static <T> T answer(Call<T> call) {
        try {
            return call.run();
        } catch (SpokeException e) {
            Response.Status status = switch (e.reason()) {
                case INVALID -> Response.Status.BAD_REQUEST;
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
                case FAILED -> Response.Status.BAD_GATEWAY;
            };
            throw new SpokeError(error(status, e.getMessage()));
        }
    }

    static ObjectNode status(VmStatus s) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", s.id());
        json.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        s.ipv4().forEach(json.putArray("ipv4")::add);
        s.ipv6().forEach(json.putArray("ipv6")::add);
        return json;
    }

    /** The body the JSON provider read; none at all is refused as any body that is not an object. */
    private static <T> T present(T body) {
        if (body == null) {
            throw new SpokeError(notAnObject());
        }
        return body;
    }

    static Response notAnObject() {
        return error(Response.Status.BAD_REQUEST, "the body must be a JSON object");
    }

    private static Response ok(JsonNode json) {
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.createObjectNode().put("error", message).toString()).build();
    }

    /** Ends a request with a prepared error response. */
    private static final class SpokeError extends javax.ws.rs.WebApplicationException {
        private static final long serialVersionUID = 1L;

        SpokeError(Response response) {
            super(response);
        }
    }
}
