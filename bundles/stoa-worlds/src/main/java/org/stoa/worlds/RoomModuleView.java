package org.stoa.worlds;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part of how a room's modules look to clients (a whiteboard: register an
 * implementation as an OSGi service). The room config in {@code authenticated} and
 * {@code world.updated} carries each of the room's modules as {@code {type, config}}; a view may
 * add keys to its own modules, e.g. chat sets {@code channel_id} on {@code chat.native}. Without
 * the view the module is shown as configured.
 * <p>
 * Called for every module of every room a user may see, on the thread of a login: it must not
 * touch the database.
 */
@ConsumerType
public interface RoomModuleView {

    /** Adds this module's keys to {@code module} (a copy, the client's own) of {@code room}. */
    void show(Room room, ObjectNode module);
}
