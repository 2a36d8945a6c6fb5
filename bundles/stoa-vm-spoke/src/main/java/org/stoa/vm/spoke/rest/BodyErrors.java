package org.stoa.vm.spoke.rest;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** A body the JSON provider cannot read as the request it must be: 400, as any body that is not an object. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(SpokeApplication.BODY_ERRORS)
@JaxrsApplicationSelect(SpokeApplication.SELECT)
public class BodyErrors implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return SpokeResource.notAnObject();
    }
}
