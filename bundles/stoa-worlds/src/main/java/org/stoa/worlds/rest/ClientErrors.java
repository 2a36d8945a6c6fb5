package org.stoa.worlds.rest;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Requests the JAX-RS runtime refuses before any resource sees them (a method an address does
 * not offer, an address it does not know, a body that is not JSON): the status it chose, with
 * the {@code {"detail": ...}} body venueless's clients read, worded as Django REST framework
 * words it. Bound to the API's application only: other APIs keep their own error shapes.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(ApiApplication.CLIENT_ERRORS)
@JaxrsApplicationSelect(ApiApplication.SELECT)
public class ClientErrors implements ExceptionMapper<ClientErrorException> {

    @Context
    Request request;

    @Override
    public Response toResponse(ClientErrorException e) {
        Response refused = e.getResponse();
        return Response.fromResponse(refused).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.body(detail(refused)))
                .build();
    }

    private String detail(Response refused) {
        return switch (refused.getStatus()) {
            case 404 -> "Not found.";
            case 405 -> "Method \"" + request.getMethod() + "\" not allowed.";
            default -> refused.getStatusInfo().getReasonPhrase() + ".";
        };
    }
}
