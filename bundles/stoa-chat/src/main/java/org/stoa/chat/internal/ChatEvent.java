package org.stoa.chat.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a channel as stored: a message, a member joining or leaving, an edit.
 *
 * @param reactions reaction → ids of the users who gave it, oldest first
 */
public record ChatEvent(long id, UUID channel, UUID sender, Instant timestamp, String eventType, JsonNode content,
        Instant edited, Long replaces, Map<String, List<UUID>> reactions) {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** As Python's isoformat of an aware time, which venueless clients are used to. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    /** What clients get, as venueless serializes it: {@code type} is {@code chat.event}. */
    public ObjectNode toJson() {
        ObjectNode e = JSON.createObjectNode();
        e.put("event_id", id);
        e.put("channel", channel.toString());
        if (sender == null) {
            e.putNull("sender");
        } else {
            e.put("sender", sender.toString());
        }
        e.put("type", "chat.event");
        e.put("timestamp", ISO.format(timestamp));
        e.put("event_type", eventType);
        e.set("content", content.deepCopy());
        if (edited == null) {
            e.putNull("edited");
        } else {
            e.put("edited", ISO.format(edited));
        }
        if (replaces == null) {
            e.putNull("replaces");
        } else {
            e.put("replaces", replaces);
        }
        ObjectNode r = e.putObject("reactions");
        reactions.forEach((reaction, users) -> users.forEach(u -> r.withArray(reaction).add(u.toString())));
        return e;
    }
}
