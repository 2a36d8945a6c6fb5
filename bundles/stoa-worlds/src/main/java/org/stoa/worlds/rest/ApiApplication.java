package org.stoa.worlds.rest;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.stoa.rest.JsonBodies;

/**
 * The venueless REST API, {@code /api/}: its own JAX-RS application, so its error bodies and
 * its bearer-token check are its own and reach no other API. It is served only once the JSON
 * provider, its error mappings and its authentication are there.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("/api")
@JaxrsName(ApiApplication.NAME)
@JaxrsExtensionSelect({JsonBodies.PROVIDER_SELECT, "(osgi.jaxrs.name=" + JsonBodies.EXTENSION + ")",
        "(osgi.jaxrs.name=" + ApiApplication.CLIENT_ERRORS + ")", "(osgi.jaxrs.name=" + ApiApplication.BODY_ERRORS + ")",
        "(osgi.jaxrs.name=" + ApiApplication.AUTHENTICATION + ")"})
public class ApiApplication extends Application {

    static final String NAME = "stoa.api";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    static final String CLIENT_ERRORS = NAME + ".client-errors";
    static final String BODY_ERRORS = NAME + ".body-errors";
    static final String AUTHENTICATION = NAME + ".authentication";
}
