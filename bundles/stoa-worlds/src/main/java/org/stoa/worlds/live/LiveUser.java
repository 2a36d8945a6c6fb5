package org.stoa.worlds.live;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.worlds.ModerationState;
import org.stoa.worlds.Principal;
import org.stoa.worlds.UserType;

/** A user of a world as the WebSocket API sees them. */
record LiveUser(UUID id, String tokenId, UserType type, Set<String> traits, ObjectNode profile,
        ModerationState moderation, boolean deleted, Instant lastLogin, String pretalxId, ObjectNode clientState,
        Set<String> worldRoles, Map<UUID, Set<String>> roomRoles) {

    LiveUser withProfile(ObjectNode newProfile) {
        return new LiveUser(id, tokenId, type, traits, newProfile, moderation, deleted, lastLogin, pretalxId,
                clientState, worldRoles, roomRoles);
    }

    LiveUser withClientState(ObjectNode newClientState) {
        return new LiveUser(id, tokenId, type, traits, profile, moderation, deleted, lastLogin, pretalxId,
                newClientState, worldRoles, roomRoles);
    }

    /** The user after a {@code user.update}: each of the two that is an object replaces its part. */
    LiveUser withChanges(JsonNode newProfile, JsonNode newClientState) {
        LiveUser changed = newProfile.isObject() ? withProfile((ObjectNode) newProfile) : this;
        return newClientState.isObject() ? changed.withClientState((ObjectNode) newClientState) : changed;
    }

    LiveUser withModeration(ModerationState newModeration) {
        return new LiveUser(id, tokenId, type, traits, profile, newModeration, deleted, lastLogin, pretalxId,
                clientState, worldRoles, roomRoles);
    }

    LiveUser withGrants(Set<String> newWorldRoles, Map<UUID, Set<String>> newRoomRoles) {
        return new LiveUser(id, tokenId, type, traits, profile, moderation, deleted, lastLogin, pretalxId,
                clientState, newWorldRoles, newRoomRoles);
    }

    Principal principal() {
        return new Principal(traits, type, moderation, worldRoles, roomRoles);
    }
}
