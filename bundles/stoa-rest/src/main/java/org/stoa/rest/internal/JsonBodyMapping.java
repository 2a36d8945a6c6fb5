package org.stoa.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.ContextResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.JsonBodies;

/**
 * Hands the JSON provider of every Stoa application {@link JsonBodies#MAPPER}, and has it read
 * every body as JSON: Stoa's APIs always read their bodies as JSON whatever the
 * {@code Content-Type} said (curl's {@code -d} sends a form type), and keep doing so now that
 * the provider reads them.
 */
@Component(service = {ContextResolver.class, ContainerRequestFilter.class})
@JaxrsExtension
@JaxrsName(JsonBodies.EXTENSION)
@JaxrsApplicationSelect(JsonBodies.APPLICATIONS)
@PreMatching
public class JsonBodyMapping implements ContextResolver<ObjectMapper>, ContainerRequestFilter {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return JsonBodies.MAPPER;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !isJson(type)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }
}
