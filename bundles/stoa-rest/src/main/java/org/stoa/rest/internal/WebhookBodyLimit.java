package org.stoa.rest.internal;

import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * {@link BodyLimitConfiguration#maxWebhookBodyBytes()} for the payment webhooks, which anyone
 * may call and which read the whole body before they can check its signature.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = BodyLimitConfiguration.PID)
@JaxrsExtension
@JaxrsName("stoa.webhook-body-limit")
@JaxrsApplicationSelect(WebhookBodyLimit.WEBHOOKS)
@PreMatching
public class WebhookBodyLimit extends BodyLimit {

    /** stoa-payments' WebhookApplication, by name. */
    static final String WEBHOOKS = "(osgi.jaxrs.name=stoa.payments.webhooks)";

    private final long maxBytes;

    @Activate
    public WebhookBodyLimit(BodyLimitConfiguration configuration) {
        this.maxBytes = configuration.maxWebhookBodyBytes();
    }

    @Override
    long maxBytes() {
        return maxBytes;
    }
}
