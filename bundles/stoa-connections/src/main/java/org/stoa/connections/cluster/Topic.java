package org.stoa.connections.cluster;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A channel of cluster messages and the type its messages are read as. Messages travel as JSON
 * (Jackson's mapping of {@code type}, so a record or a sealed interface with
 * {@code @JsonTypeInfo} subtypes); properties a receiver does not know are ignored, so nodes of
 * two releases can share a channel while a cluster is upgraded node by node.
 *
 * @param channel the PostgreSQL NOTIFY channel: lower case letters, digits and underscores,
 *                starting with a letter, at most 63 characters; SQL may publish on it too
 *                ({@code pg_notify(channel, json)})
 */
public record Topic<T>(String channel, Class<T> type) {

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Topic {
        Objects.requireNonNull(type, "type");
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a cluster channel is [a-z][a-z0-9_]{0,62}, not '" + channel + "'");
        }
    }
}
