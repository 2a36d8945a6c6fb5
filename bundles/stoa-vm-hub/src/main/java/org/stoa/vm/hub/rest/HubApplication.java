package org.stoa.vm.hub.rest;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.JsonBodies;

/** What spokes ask of the hub, {@code /hub/}: its own JAX-RS application. */
@Component(service = Application.class)
@JaxrsApplicationBase("/hub")
@JaxrsName(HubApplication.NAME)
@JaxrsExtensionSelect({JsonBodies.PROVIDER_SELECT, "(osgi.jaxrs.name=" + JsonBodies.EXTENSION + ")",
        "(osgi.jaxrs.name=" + HubApplication.BODY_ERRORS + ")"})
public class HubApplication extends Application {

    static final String NAME = "stoa.hub";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    static final String BODY_ERRORS = NAME + ".body-errors";
}
