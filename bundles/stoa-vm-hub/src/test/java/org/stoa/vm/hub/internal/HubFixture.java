package org.stoa.vm.hub.internal;

import java.time.Duration;

import javax.sql.DataSource;

import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Operation;

/** A hub on a fresh database with this bundle's migrations, and the spokes and accounts tests start from. */
final class HubFixture {

    static final Duration HEARTBEAT_WINDOW = Duration.ofSeconds(60);

    final String url;
    final DataSource database;
    final VmHubImpl hub;

    HubFixture() throws Exception {
        url = TestMigrations.newDatabaseWith("stoa-vm-hub", "db");
        database = TestPostgres.dataSource(url);
        hub = new VmHubImpl(database, HEARTBEAT_WINDOW);
    }

    static String tokenOf(String hostId) {
        return (hostId + "-token-").repeat(8);
    }

    /** Registers the spoke and has it send a heartbeat. */
    void onlineSpoke(String id) throws HubException {
        hub.registerHost(id, "https://" + id + ".example.org", tokenOf(id));
        hub.heartbeat(id);
    }

    /** A VM of alice@example.org, made on {@code spoke} through a create that spoke claimed. */
    String vmOn(String spoke) throws HubException {
        if (hub.account("alice@example.org").isEmpty()) {
            hub.createAccount("alice@example.org");
        }
        Operation create = hub.dispatchCreate("alice@example.org", "debian12", "f1-xs", null);
        if (!hub.claim(create.id(), spoke)) {
            throw new IllegalStateException(spoke + " was not offered the create");
        }
        return create.vmId();
    }
}
