package org.stoa.payments.rest;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The payment providers' webhooks, {@code /payments/webhooks/}: their own JAX-RS application.
 * Bodies are read as bytes, since the signature is over the bytes as sent.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("/payments/webhooks")
@JaxrsName(WebhookApplication.NAME)
public class WebhookApplication extends Application {

    static final String NAME = "stoa.payments.webhooks";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
