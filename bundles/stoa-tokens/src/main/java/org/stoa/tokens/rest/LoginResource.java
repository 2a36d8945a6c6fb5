package org.stoa.tokens.rest;

import java.util.Optional;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.stoa.tokens.LoginLink;
import org.stoa.tokens.LoginLinks;

/** {@code GET /login/{code}}: a short login link leads to the client with its token. */
@Component(service = LoginResource.class)
@JaxrsResource
@JaxrsApplicationSelect(LoginApplication.SELECT)
@Path("/")
public class LoginResource {

    @Reference
    private LoginLinks links;

    @GET
    @Path("{code}")
    public Response login(@PathParam("code") String code) {
        Optional<LoginLink> link = links.find(code);
        if (link.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                    .entity("This login link is unknown or has expired. Ask the organizers for a new one.\n").build();
        }
        // The header is set as is: location() would make it absolute against this server's own address.
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, link.get().redirectPath()).build();
    }
}
