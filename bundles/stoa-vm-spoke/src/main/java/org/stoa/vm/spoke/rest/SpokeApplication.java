package org.stoa.vm.spoke.rest;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.JsonBodies;

/**
 * The spoke's API for its hub, {@code /spoke/}: its own JAX-RS application, served only once
 * the JSON provider, the hub-token check and its body errors are there.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("/spoke")
@JaxrsName(SpokeApplication.NAME)
@JaxrsExtensionSelect({JsonBodies.PROVIDER_SELECT, "(osgi.jaxrs.name=" + JsonBodies.EXTENSION + ")",
        "(osgi.jaxrs.name=" + SpokeApplication.HUB_TOKEN + ")", "(osgi.jaxrs.name=" + SpokeApplication.BODY_ERRORS + ")"})
public class SpokeApplication extends Application {

    static final String NAME = "stoa.spoke";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    static final String HUB_TOKEN = NAME + ".hub-token";
    static final String BODY_ERRORS = NAME + ".body-errors";
}
