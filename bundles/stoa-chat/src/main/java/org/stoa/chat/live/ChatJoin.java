package org.stoa.chat.live;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.chat.internal.ChatEvent;
import org.stoa.worlds.JoinContribution;
import org.stoa.worlds.Joiner;

/** Chat's keys of {@code authenticated}: the user's channels, read pointers and notification counts. */
@Component(service = JoinContribution.class)
public class ChatJoin implements JoinContribution {

    private final ChatStore store;

    @Activate
    public ChatJoin(@Reference ChatStore store) {
        this.store = store;
    }

    @Override
    public void contribute(Joiner joiner, ObjectNode payload) {
        String world = joiner.world().id();
        payload.set("chat.channels", store.channelList(world, joiner.userId()));
        Map<String, Long> pointers = store.read(c -> store.repository().readPointers(c, world, joiner.userId()));
        Map<String, Long> counts = store.read(c -> store.repository().notificationCounts(c, world, joiner.userId()));
        payload.set("chat.read_pointers", ChatEvent.JSON.valueToTree(pointers));
        payload.set("chat.notification_counts", ChatEvent.JSON.valueToTree(counts));
    }
}
