package org.stoa.webapp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.stoa.webapp.cfg}. */
@ObjectClassDefinition(name = "Stoa webapp", description = "Where the venueless webapp build attendees get is")
public @interface WebappConfiguration {

    String PID = "org.stoa.webapp";

    @AttributeDefinition(description = "The folder of a venueless webapp build (its dist/, holding index.html and "
            + "assets/); relative to the Karaf base folder. The shipped file takes STOA_WEBAPP_DIR when it is set.")
    String directory() default "webapp";
}
