package org.stoa.worlds.rest;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** A request body the JSON provider cannot read: 400, with where and why as DRF words it. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(ApiApplication.BODY_ERRORS)
@JaxrsApplicationSelect(ApiApplication.SELECT)
public class BodyErrors implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.body(ApiJson.parseError(e))).build();
    }
}
