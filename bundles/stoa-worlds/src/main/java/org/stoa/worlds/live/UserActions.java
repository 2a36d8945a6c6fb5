package org.stoa.worlds.live;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.worlds.internal.JsonForms;

/** {@code user.update} (the client's own profile) and {@code user.fetch} (other users, by id). */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=user")
public class UserActions implements ActionHandler {

    /** As venueless: one fetch answers for at most this many users. */
    static final int FETCH_LIMIT = 100;

    private final LiveWorlds live;

    @Activate
    public UserActions(@Reference LiveWorlds live) {
        this.live = live;
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        switch (action.name()) {
            case "user.update" -> update(client, action);
            case "user.fetch" -> fetch(client, action);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void update(Client client, Action action) throws ActionException {
        LiveUser user = Sockets.user(client);
        WorldView view = Sockets.view(live, client);
        Sockets.requireInWorld(view, user, "world:view");
        JsonNode profile = action.body().path("profile");
        if (!profile.isObject()) {
            throw new ActionException("protocol.invalid", "user.update: profile must be an object");
        }
        if (profile.toString().length() > 100_000) {
            throw new ActionException("protocol.invalid", "user.update: profile too large");
        }
        live.inTransaction(c -> {
            live.users().updateProfile(c, client.worldId(), user.id(), (ObjectNode) profile);
            return null;
        });
        client.attributes().put(WorldGate.USER, user.withProfile((ObjectNode) profile));
        client.reply(action, JsonForms.MAPPER.createObjectNode());
    }

    private void fetch(Client client, Action action) throws ActionException {
        LiveUser user = Sockets.user(client);
        WorldView view = Sockets.view(live, client);
        Sockets.requireInWorld(view, user, "world:view");
        JsonNode body = action.body();
        if (body.has("ids")) {
            JsonNode ids = body.get("ids");
            if (!ids.isArray()) {
                throw new ActionException("protocol.invalid", "user.fetch: ids must be a list of user ids");
            }
            if (ids.size() > FETCH_LIMIT) {
                throw new ActionException("protocol.invalid", "user.fetch: at most " + FETCH_LIMIT + " ids at once");
            }
            Set<UUID> wanted = new LinkedHashSet<>();
            for (JsonNode id : ids) {
                Action.uuid(id).ifPresent(wanted::add);
            }
            List<LiveUser> found = live.inTransaction(c -> live.users().people(c, client.worldId(), wanted));
            ObjectNode result = JsonForms.MAPPER.createObjectNode();
            for (LiveUser u : found) {
                result.set(u.id().toString(), view.publicUser(u));
            }
            client.reply(action, result);
            return;
        }
        UUID id = Action.uuid(body.path("id")).orElseThrow(() -> new ActionException("user.not_found"));
        List<LiveUser> found = live.inTransaction(c -> live.users().people(c, client.worldId(), List.of(id)));
        if (found.isEmpty()) {
            throw new ActionException("user.not_found");
        }
        client.reply(action, view.publicUser(found.get(0)));
    }
}
