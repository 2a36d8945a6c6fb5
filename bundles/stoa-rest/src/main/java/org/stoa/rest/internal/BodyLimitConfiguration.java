package org.stoa.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The largest request bodies Stoa's JAX-RS applications read, from {@code etc/org.stoa.rest.cfg}. */
@ObjectClassDefinition(name = "Stoa REST", description = "Limits shared by every Stoa JAX-RS application")
public @interface BodyLimitConfiguration {

    String PID = "org.stoa.rest";

    @AttributeDefinition(description = "Largest request body, in bytes, of every application but the payment webhooks; larger ones get 413")
    long maxBodyBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Largest request body, in bytes, of /payments/webhooks; the providers' events are a few KiB")
    long maxWebhookBodyBytes() default 64 * 1024;
}
