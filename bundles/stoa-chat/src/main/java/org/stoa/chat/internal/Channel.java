package org.stoa.chat.internal;

import java.util.UUID;

/** A chat channel: a room's (then {@code roomId} is the room's id and the channel's) or direct messages (no room). */
public record Channel(UUID id, String worldId, UUID roomId) {

    public boolean isDirect() {
        return roomId == null;
    }
}
