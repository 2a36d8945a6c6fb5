package org.stoa.worlds.rest;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.tokens.AccessTokens;
import org.stoa.worlds.WorldService;

/**
 * Every API call names a world and carries a bearer token of it holding {@code world:api}.
 * Checked once the address is matched and before the body is read, so a caller who may not
 * call learns nothing from how its body is refused; the resource finds the caller with
 * {@link #caller(HttpServletRequest)}.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(ApiApplication.AUTHENTICATION)
@JaxrsApplicationSelect(ApiApplication.SELECT)
public class ApiAuthentication implements ContainerRequestFilter {

    private static final String CALLER = ApiAccess.Caller.class.getName();

    private final ApiAccess access;

    @Activate
    public ApiAuthentication(@Reference WorldService worlds, @Reference AccessTokens tokens) {
        this.access = new ApiAccess(worlds, tokens);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String world = request.getUriInfo().getPathParameters().getFirst("world");
        if (world == null) {
            // No API address without a world; the runtime answers any other one itself.
            throw ApiError.notFound();
        }
        // A property of the request is an attribute of the servlet request the resource sees.
        request.setProperty(CALLER, access.caller(world, request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }

    /** The caller this filter admitted. */
    static ApiAccess.Caller caller(HttpServletRequest request) {
        return (ApiAccess.Caller) request.getAttribute(CALLER);
    }
}
