package org.stoa.connections.internal;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import org.stoa.connections.cluster.Topic;

/**
 * What nodes tell each other about sockets. The channel and its JSON ({@code "kind"}: control or
 * replace) are those of earlier releases, so that during an upgrade a node of the new commit can
 * still drop the sockets of the old one's nodes — what connection labels are for.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConnectionMessage.ControlRequest.class, name = "control"),
        @JsonSubTypes.Type(value = ConnectionMessage.ReplaceSockets.class, name = "replace") })
sealed interface ConnectionMessage {

    Topic<ConnectionMessage> TOPIC = new Topic<>("stoa_connections", ConnectionMessage.class);

    /** A drop or force-reload, as every node receives it: {@code action} is "drop" or "reload". */
    record ControlRequest(UUID request, String action, List<String> filters,
            @JsonProperty("interval") int intervalMillis) implements ConnectionMessage {

        boolean reload() {
            return "reload".equals(action);
        }

        boolean staggered() {
            return intervalMillis > 0;
        }
    }

    /** A user opened more sockets than their world allows: these older ones, wherever they are, go. */
    record ReplaceSockets(List<String> sockets) implements ConnectionMessage {
    }
}
