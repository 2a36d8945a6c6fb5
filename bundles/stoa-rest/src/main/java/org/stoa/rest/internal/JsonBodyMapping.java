package org.stoa.rest.internal;

import javax.ws.rs.ext.ContextResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.JsonBodies;

/** Hands the JSON provider of every Stoa application {@link JsonBodies#MAPPER}. */
@Component(service = ContextResolver.class)
@JaxrsExtension
@JaxrsName(JsonBodies.EXTENSION)
@JaxrsApplicationSelect(JsonBodies.APPLICATIONS)
public class JsonBodyMapping implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return JsonBodies.MAPPER;
    }
}
