package org.stoa.vm.hub.rest;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * A body the JSON provider cannot read names no spoke, so its token cannot be checked: 401, as
 * for a wrong token.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(HubApplication.BODY_ERRORS)
@JaxrsApplicationSelect(HubApplication.SELECT)
public class BodyErrors implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return HubResource.wrongToken();
    }
}
