package org.stoa.worlds.rest;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Requests the JAX-RS runtime refuses before any resource sees them (a method an address does not
 * offer, an address it does not know). Under the venueless API ({@code /api/}): the status it
 * chose, with the {@code {"detail": ...}} body venueless's clients read, worded as Django REST
 * framework words it. Elsewhere (other plugins' APIs keep their own error shapes) the refusal
 * stands as the runtime made it.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
public class ClientErrors implements ExceptionMapper<ClientErrorException> {

    @Context
    Request request;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ClientErrorException e) {
        Response refused = e.getResponse();
        if (!uri.getPath().startsWith("api/") && !uri.getPath().startsWith("/api/")) {
            return refused;
        }
        return Response.fromResponse(refused).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiJson.MAPPER.createObjectNode().put("detail", detail(refused)).toString()).build();
    }

    private String detail(Response refused) {
        return switch (refused.getStatus()) {
            case 404 -> "Not found.";
            case 405 -> "Method \"" + request.getMethod() + "\" not allowed.";
            default -> refused.getStatusInfo().getReasonPhrase() + ".";
        };
    }
}
