package org.stoa.vm.spoke.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.BearerToken;
import org.stoa.vm.spoke.internal.SpokeHypervisor;

/**
 * Every call to the spoke carries this spoke's token as a bearer token; anything else is 401
 * before the body is read. Without a configured token nothing is admitted.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = {SpokeHypervisor.PID, SpokeHypervisor.TOKEN_PID})
@JaxrsExtension
@JaxrsName(SpokeApplication.HUB_TOKEN)
@JaxrsApplicationSelect(SpokeApplication.SELECT)
public class HubToken implements ContainerRequestFilter {

    private final String token;

    @Activate
    public HubToken(SpokeHypervisor.Config config, SpokeHypervisor.Token token) {
        this(SpokeSettings.of(config, token));
    }

    HubToken(SpokeSettings settings) {
        this.token = settings.token();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!BearerToken.of(request.getHeaderString(HttpHeaders.AUTHORIZATION)).is(token)) {
            request.abortWith(SpokeResource.error(Response.Status.UNAUTHORIZED, "wrong or missing token"));
        }
    }
}
