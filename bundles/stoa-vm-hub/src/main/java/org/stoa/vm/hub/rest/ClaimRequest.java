package org.stoa.vm.hub.rest;

/** {@code POST /hub/operations/{id}/claim}: which spoke claims; its token comes as the bearer token. */
record ClaimRequest(String host) {
}
