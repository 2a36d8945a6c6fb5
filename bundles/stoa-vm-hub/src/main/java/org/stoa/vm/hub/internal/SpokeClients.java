package org.stoa.vm.hub.internal;

import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;

/** A client for any registered spoke, at its recorded URL with its token. */
final class SpokeClients {

    private final VmHub hub;

    SpokeClients(VmHub hub) {
        this.hub = hub;
    }

    SpokeClient of(String hostId) throws HubException {
        return of(hub.hosts().stream().filter(h -> h.id().equals(hostId)).findFirst()
                .orElseThrow(() -> new HubException("no spoke " + hostId)));
    }

    /** For a spoke already in hand: only its token is read. */
    SpokeClient of(Host host) throws HubException {
        return new SpokeClient(host.id(), host.httpsUrl(), hub.spokeToken(host.id()));
    }
}
