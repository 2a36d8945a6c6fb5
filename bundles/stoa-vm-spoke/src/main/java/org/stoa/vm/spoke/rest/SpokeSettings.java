package org.stoa.vm.spoke.rest;

import org.stoa.vm.spoke.internal.SpokeHypervisor;

/** How this spoke knows its hub: its own host id, the hub's address and the token they share. */
record SpokeSettings(String hostId, String hubUrl, String token) {

    static SpokeSettings of(SpokeHypervisor.Config config, SpokeHypervisor.Token token) {
        return new SpokeSettings(config.host__id(), config.hub__url(), token._token());
    }
}
