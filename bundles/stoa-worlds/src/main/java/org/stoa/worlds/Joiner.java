package org.stoa.worlds;

import java.util.UUID;

/**
 * A user joining a world, as {@link JoinContribution}s see them.
 *
 * @param principal what the user holds (traits, roles, moderation), for permission checks with
 *                  {@code world.permissions()}
 */
public record Joiner(World world, UUID userId, Principal principal) {
}
