package org.stoa.connections.internal;

/** What one node reported about a drop or force-reload: sockets reached of those it matched. */
public record NodeReport(String node, String label, int reached, int total, boolean done) {
}
