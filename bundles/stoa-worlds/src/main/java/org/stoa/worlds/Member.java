package org.stoa.worlds;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The user behind a socket, as other modules see them.
 *
 * @param principal  what decides their permissions (see {@link WorldMembers#hasInRoom})
 * @param publicUser what any user of the world may see of them ({@code id}, {@code profile},
 *                   {@code badges}, …), as venueless serializes a user for others
 */
public record Member(UUID id, Principal principal, ObjectNode publicUser) {

    /** The name others see; blank when the user has not chosen one yet. */
    public String displayName() {
        return publicUser.path("profile").path("display_name").asText("");
    }
}
