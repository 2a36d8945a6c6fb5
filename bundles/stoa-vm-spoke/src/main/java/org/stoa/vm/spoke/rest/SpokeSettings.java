package org.stoa.vm.spoke.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How this spoke knows its hub: its own host id, the hub's address, the token the hub
 * presents to it and the token it presents to the hub.
 */
public record SpokeSettings(String hostId, String hubUrl, String hubToken, String spokeToken) {

    public static final String PID = "org.stoa.spoke";

    @ObjectClassDefinition(name = "Stoa VM spoke", description = "A spoke: creates and manages VMs through libvirt for its hub")
    public @interface Config {
        @AttributeDefinition(description = "this spoke's id in the hub's hosts table")
        String host_id() default "local";

        @AttributeDefinition(description = "the hub's base URL, e.g. https://hub.example.org")
        String hub_url() default "http://127.0.0.1:8181";

        @AttributeDefinition(description = "the token the hub presents to this spoke", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String hub_token() default "";

        @AttributeDefinition(description = "the token this spoke presents to the hub (spoke:add prints it)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String spoke_token() default "";
    }

    static SpokeSettings of(Config config) {
        return new SpokeSettings(config.host_id(), config.hub_url(), config.hub_token(), config.spoke_token());
    }
}
