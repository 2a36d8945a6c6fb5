package org.stoa.vm.hub.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The hub's settings, from {@code etc/org.stoa.hub.cfg}. */
@ObjectClassDefinition(name = "Stoa VM hub", description = "The capsul hub: spokes, operations, the single-hub lock")
public @interface HubConfiguration {

    @AttributeDefinition(description = "Whether this process may be the hub (the shipped cfg reads STOA_HUB_ENABLED)")
    boolean enabled() default true;

    @AttributeDefinition(description = "Seconds after its last heartbeat that a spoke still counts as online")
    int heartbeatWindowSeconds() default 60;

    @AttributeDefinition(description = "Seconds between checks of the hub lock: retries while another hub holds it, "
            + "and checks that this hub still holds it")
    int lockCheckSeconds() default 10;

    @AttributeDefinition(description = "Seconds between heartbeats the hub sends every spoke")
    int heartbeatIntervalSeconds() default 10;
}
