package org.stoa.chat.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A chat event on its way to the channel's subscribers on every node.
 *
 * @param type  {@code chat.event} or {@code chat.event.reaction}
 * @param event the event as clients get it, without its {@code type}
 * @param users what clients may need to show it (the sender's public profile …), by user id
 */
public record ChatBroadcast(String world, String channel, String type, JsonNode event, JsonNode users) {
}
