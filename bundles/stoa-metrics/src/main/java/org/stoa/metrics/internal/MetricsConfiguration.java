package org.stoa.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may read {@code /metrics}, from {@code etc/org.stoa.metrics.cfg}. */
@ObjectClassDefinition(name = "Stoa metrics", description = "GET /metrics in the Prometheus text format")
public @interface MetricsConfiguration {

    String PID = "org.stoa.metrics";

    @AttributeDefinition(description = "Addresses and networks that may scrape /metrics (e.g. 127.0.0.0/8, ::1, "
            + "10.0.0.0/8, or * for everyone); others get 403; the shipped cfg reads STOA_METRICS_ALLOW; "
            + "empty: nobody")
    String allow() default AllowedAddresses.LOOPBACK;
}
