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
import org.stoa.connections.OnlineUsers;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.WorldEvents;
import org.stoa.worlds.ModerationState;
import org.stoa.worlds.internal.JsonForms;

/**
 * {@code user.update} (the client's own profile and client state, pushed as {@code user.updated}
 * to the user's other sockets), {@code user.fetch} (other users, by id; with their moderation
 * state for user managers) and the moderators' {@code user.ban}, {@code user.silence} and
 * {@code user.reactivate}. Changes travel as world events, so sockets on every node hear them.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=user")
public class UserActions implements ActionHandler {

    /** As venueless: one fetch answers for at most this many users. */
    static final int FETCH_LIMIT = 100;
    /** A chat's member list asks at once; venueless sets no bound, this one only keeps a frame's work small. */
    static final int ONLINE_STATUS_LIMIT = 1000;

    /** World event: a user's profile or client state changed ({@code user}, {@code socket}, {@code config}). */
    static final String UPDATED = "user.updated";
    /** World event: a user's moderation state changed ({@code user}, {@code moderation_state}). */
    static final String MODERATED = "user.moderated";
    /** World event: roles granted to a user changed ({@code user}); published by the database (migration 04). */
    static final String GRANTS_CHANGED = "user.grants_changed";

    private final LiveWorlds live;
    private final WorldEvents events;
    private final OnlineUsers online;

    @Activate
    public UserActions(@Reference LiveWorlds live, @Reference WorldEvents events, @Reference OnlineUsers online) {
        this.live = live;
        this.events = events;
        this.online = online;
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        switch (action.name()) {
            case "user.update" -> update(client, action);
            case "user.fetch" -> fetch(client, action);
            case "user.ban" -> moderate(client, action, ModerationState.BANNED, "user.ban.self");
            case "user.silence" -> moderate(client, action, ModerationState.SILENCED, "user.silence.self");
            case "user.reactivate" -> moderate(client, action, ModerationState.NONE, "user.reactivate.self");
            case "user.block" -> block(client, action, true);
            case "user.unblock" -> block(client, action, false);
            case "user.list.blocked" -> listBlocked(client, action);
            case "user.online_status" -> onlineStatus(client, action);
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
        JsonNode clientState = action.body().path("client_state");
        if (!profile.isMissingNode() && !profile.isObject()) {
            throw new ActionException("protocol.invalid", "user.update: profile must be an object");
        }
        if (!clientState.isMissingNode() && !clientState.isObject()) {
            throw new ActionException("protocol.invalid", "user.update: client_state must be an object");
        }
        if (profile.toString().length() > 100_000 || clientState.toString().length() > 100_000) {
            throw new ActionException("protocol.invalid", "user.update: profile or client_state too large");
        }
        live.inTransaction(c -> {
            if (profile.isObject()) {
                live.users().updateProfile(c, client.worldId(), user.id(), (ObjectNode) profile);
            }
            if (clientState.isObject()) {
                live.users().updateClientState(c, client.worldId(), user.id(), (ObjectNode) clientState);
            }
            return null;
        });
        LiveUser updated = user.withChanges(profile, clientState);
        client.attributes().put(WorldGate.USER, updated);
        client.reply(action, JsonForms.MAPPER.createObjectNode());
        ObjectNode event = JsonForms.MAPPER.createObjectNode();
        event.put("user", user.id().toString());
        event.put("socket", client.socketId());
        event.set("config", view.userConfig(updated));
        events.publish(client.worldId(), UPDATED, event);
    }

    private void moderate(Client client, Action action, ModerationState state, String selfCode)
            throws ActionException {
        LiveUser user = Sockets.user(client);
        WorldView view = Sockets.view(live, client);
        Sockets.requireInWorld(view, user, "world:users.manage");
        UUID target = Action.uuid(action.body().path("id")).orElseThrow(() -> new ActionException("user.not_found"));
        if (target.equals(user.id())) {
            throw new ActionException(selfCode);
        }
        boolean found = live.inTransaction(c -> live.users().moderate(c, client.worldId(), target, state));
        if (!found) {
            throw new ActionException("user.not_found");
        }
        client.reply(action, JsonForms.MAPPER.createObjectNode());
        ObjectNode event = JsonForms.MAPPER.createObjectNode();
        event.put("user", target.toString());
        event.put("moderation_state", state.dbValue());
        // venueless reloads the target's browsers on ban and silence, not on reactivate
        event.put("reload", state != ModerationState.NONE);
        events.publish(client.worldId(), MODERATED, event);
    }

    // venueless asks no permission for blocks: any user let into the world may block another.
    private void block(Client client, Action action, boolean block) throws ActionException {
        LiveUser user = Sockets.user(client);
        UUID target = Action.uuid(action.body().path("id")).orElseThrow(() -> new ActionException("user.not_found"));
        if (target.equals(user.id())) {
            throw new ActionException(block ? "user.block.self" : "user.unblock.self");
        }
        boolean found = live.inTransaction(c -> block
                ? live.users().block(c, client.worldId(), user.id(), target)
                : live.users().unblock(c, client.worldId(), user.id(), target));
        if (!found) {
            throw new ActionException("user.not_found");
        }
        client.reply(action, JsonForms.MAPPER.createObjectNode());
    }

    private void listBlocked(Client client, Action action) throws ActionException {
        LiveUser user = Sockets.user(client);
        WorldView view = Sockets.view(live, client);
        List<LiveUser> blocked = live.inTransaction(c -> live.users().blocked(c, user.id()));
        ObjectNode result = JsonForms.MAPPER.createObjectNode();
        var users = result.putArray("users");
        for (LiveUser u : blocked) {
            users.add(view.publicUser(u));
        }
        client.reply(action, result);
    }

    /** Each asked id → whether that user has a socket open on any node, as venueless answers. */
    private void onlineStatus(Client client, Action action) throws ActionException {
        Sockets.requireInWorld(Sockets.view(live, client), Sockets.user(client), "world:view");
        JsonNode ids = action.body().path("ids");
        if (!ids.isArray()) {
            throw new ActionException("protocol.invalid", "user.online_status: ids must be a list of user ids");
        }
        if (ids.size() > ONLINE_STATUS_LIMIT) {
            throw new ActionException("protocol.invalid", "user.online_status: at most " + ONLINE_STATUS_LIMIT + " ids at once");
        }
        Set<String> asked = new LinkedHashSet<>();
        ids.forEach(id -> asked.add(id.asText()));
        Set<String> on = online.online(client.worldId(), asked);
        ObjectNode result = JsonForms.MAPPER.createObjectNode();
        asked.forEach(id -> result.put(id, on.contains(id)));
        client.reply(action, result);
    }

    @Override
    public void onEvent(Client client, WorldEvent event) {
        // Every world event reaches every socket of the world: those of other kinds leave first.
        if (!event.type().equals(UPDATED) && !event.type().equals(MODERATED) && !event.type().equals(GRANTS_CHANGED)) {
            return;
        }
        JsonNode data = event.data();
        if (!client.userId().equals(data.path("user").asText())
                || !(client.attributes().get(WorldGate.USER) instanceof LiveUser user)) {
            return;
        }
        switch (event.type()) {
            case UPDATED -> {
                if (client.socketId().equals(data.path("socket").asText())) {
                    return;
                }
                JsonNode config = data.path("config");
                client.attributes().put(WorldGate.USER, user.withChanges(config.path("profile"), config.path("client_state")));
                client.push(UPDATED, config);
            }
            case MODERATED -> {
                // The socket's permissions follow the new state at once, before any reload.
                ModerationState state = ModerationState.fromDb(data.path("moderation_state").asText());
                client.attributes().put(WorldGate.USER, user.withModeration(state));
                if (data.path("reload").asBoolean()) {
                    client.reload();
                }
            }
            case GRANTS_CHANGED -> {
                // As for a ban: the socket's permissions follow at once, and the client sees its new ones.
                LiveUser regranted = live.inTransaction(c -> live.users().withCurrentGrants(c, client.worldId(), user));
                client.attributes().put(WorldGate.USER, regranted);
                live.view(client.worldId())
                        .ifPresent(view -> client.push("world.updated", view.configFor(regranted.principal())));
            }
            default -> {
            }
        }
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
                result.set(u.id().toString(), seenBy(view, user, u));
            }
            client.reply(action, result);
            return;
        }
        UUID id = Action.uuid(body.path("id")).orElseThrow(() -> new ActionException("user.not_found"));
        List<LiveUser> found = live.inTransaction(c -> live.users().people(c, client.worldId(), List.of(id)));
        if (found.isEmpty()) {
            throw new ActionException("user.not_found");
        }
        client.reply(action, seenBy(view, user, found.get(0)));
    }

    /** What the caller sees of a user: user managers also see the moderation state and token id, as in venueless. */
    private static ObjectNode seenBy(WorldView view, LiveUser caller, LiveUser user) {
        ObjectNode u = view.publicUser(user);
        if (view.permissions().hasInWorld(caller.principal(), "world:users.manage")) {
            u.put("moderation_state", user.moderation().dbValue());
            if (user.tokenId() == null) {
                u.putNull("token_id");
            } else {
                u.put("token_id", user.tokenId());
            }
        }
        return u;
    }
}
