package org.stoa.tokens.rest;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** Short login links, {@code /login/}: a JAX-RS application of their own. */
@Component(service = Application.class)
@JaxrsApplicationBase("/login")
@JaxrsName(LoginApplication.NAME)
public class LoginApplication extends Application {

    static final String NAME = "stoa.login";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
