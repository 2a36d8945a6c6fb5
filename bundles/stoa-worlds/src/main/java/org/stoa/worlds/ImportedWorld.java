package org.stoa.worlds;

/** What a config import did: the world, whether it is new, and how many rooms and exhibitors it now holds from the file. */
public record ImportedWorld(String id, boolean created, int roomsCreated, int roomsUpdated, int exhibitors) {
}
