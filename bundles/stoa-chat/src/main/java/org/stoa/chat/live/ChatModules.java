package org.stoa.chat.live;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Component;
import org.stoa.worlds.Room;
import org.stoa.worlds.RoomModuleView;

/** A room's chat module carries its channel's id, which is the room's own. */
@Component(service = RoomModuleView.class)
public class ChatModules implements RoomModuleView {

    static final String NATIVE = "chat.native";

    /** Whether the room has a chat (and so a channel). */
    static boolean hasChat(Room room) {
        for (var module : room.moduleConfig()) {
            if (NATIVE.equals(module.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void show(Room room, ObjectNode module) {
        if (NATIVE.equals(module.path("type").asText())) {
            module.put("channel_id", room.id().toString());
        }
    }
}
