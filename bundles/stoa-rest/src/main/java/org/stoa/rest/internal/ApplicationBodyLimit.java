package org.stoa.rest.internal;

import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

/** {@link BodyLimitConfiguration#maxBodyBytes()} for every Stoa application but the webhooks. */
@Component(service = ContainerRequestFilter.class, configurationPid = BodyLimitConfiguration.PID)
@Designate(ocd = BodyLimitConfiguration.class)
@JaxrsExtension
@JaxrsName("stoa.body-limit")
@JaxrsApplicationSelect("(&" + "(osgi.jaxrs.name=stoa.*)(!" + WebhookBodyLimit.WEBHOOKS + "))")
@PreMatching
public class ApplicationBodyLimit extends BodyLimit {

    private final long maxBytes;

    @Activate
    public ApplicationBodyLimit(BodyLimitConfiguration configuration) {
        this.maxBytes = configuration.maxBodyBytes();
    }

    @Override
    long maxBytes() {
        return maxBytes;
    }
}
