package org.stoa.db;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Published by stoa-db once a module's migrations have all been applied, with the service
 * property {@value #MODULE} naming the module (its bundle's symbolic name). A component that
 * uses the database references its own module's schema, e.g.
 * {@code @Reference(target = "(stoa.module=stoa-worlds)")}, and so never sees a stale schema.
 */
@ProviderType
public interface ModuleSchema {

    /** Service property holding the module name. */
    String MODULE = "stoa.module";

    String module();

    /** Id of the newest applied migration. */
    String version();

    /** The stoa database, on which this module's schema is current. */
    DataSource dataSource();
}
