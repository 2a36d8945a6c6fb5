package org.stoa.worlds.live;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.Client;
import org.stoa.worlds.Member;
import org.stoa.worlds.Room;
import org.stoa.worlds.WorldMembers;

/** The worlds' sockets and rooms for other modules, from the same cache the worlds' own handlers read. */
@Component(service = WorldMembers.class)
public class LiveMembers implements WorldMembers {

    private final LiveWorlds live;

    @Activate
    public LiveMembers(@Reference LiveWorlds live) {
        this.live = live;
    }

    @Override
    public Optional<Member> member(Client client) {
        if (!(client.attributes().get(WorldGate.USER) instanceof LiveUser user)) {
            return Optional.empty();
        }
        return live.view(client.worldId())
                .map(view -> new Member(user.id(), user.principal(), view.publicUser(user)));
    }

    @Override
    public Optional<Room> room(Client client, UUID roomId) {
        return live.view(client.worldId()).map(view -> view.room(roomId));
    }

    @Override
    public boolean hasInWorld(Client client, String... anyOf) {
        Optional<WorldView> view = live.view(client.worldId());
        return client.attributes().get(WorldGate.USER) instanceof LiveUser user && view.isPresent()
                && view.get().permissions().hasInWorld(user.principal(), anyOf);
    }

    @Override
    public boolean hasInRoom(Client client, Room room, String... anyOf) {
        Optional<WorldView> view = live.view(client.worldId());
        return client.attributes().get(WorldGate.USER) instanceof LiveUser user && view.isPresent()
                && view.get().permissions().hasInRoom(user.principal(), room.id(), room.traitGrants(), anyOf);
    }

    @Override
    public boolean hasBlocked(Collection<UUID> blockers, Collection<UUID> others) {
        return !blockers.isEmpty() && !others.isEmpty() && live.inTransaction(c -> live.users().anyBlock(c, blockers, others));
    }

    @Override
    public Map<UUID, ObjectNode> publicUsers(String worldId, Collection<UUID> ids) {
        Map<UUID, ObjectNode> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Optional<WorldView> view = live.view(worldId);
        if (view.isEmpty()) {
            return found;
        }
        List<LiveUser> users = live.inTransaction(c -> live.users().people(c, worldId, ids));
        for (LiveUser user : users) {
            found.put(user.id(), view.get().publicUser(user));
        }
        return found;
    }
}
