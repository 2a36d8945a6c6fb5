package org.stoa.worlds;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Worlds and their rooms: what the world:* commands, the REST API and the WebSocket server share. */
public interface WorldService {

    Pattern ID = Pattern.compile("[a-z0-9]{1,50}");
    Pattern DOMAIN = Pattern.compile("[a-z0-9-.:]{1,250}");

    /** Whether {@code id} may name a world: lower-case letters and digits, at most 50. */
    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * A new world with the default roles and trait grants and one fresh secret
     * ({@code issuer "any"}, {@code audience "venueless"}). Refused, changing nothing, when
     * the id is invalid or taken or the domain invalid or taken.
     */
    World create(String id, String title, String domain) throws WorldException;

    /**
     * A new world with {@code source}'s config, roles, trait grants, locale, timezone,
     * feature flags and rooms (under new ids); no users. Without {@code newSecrets} it
     * shares the source's JWT secrets, with it gets one fresh secret.
     */
    World clone(String sourceId, String newId, String title, String domain, boolean newSecrets) throws WorldException;

    /** Every world, sorted by id. */
    List<World> list() throws WorldException;

    Optional<World> find(String id);

    /** The world whose domain this is (a host name in lower case, port included only if the world's has one). */
    Optional<World> findByDomain(String domain);

    /** Whether some world already has this domain. */
    boolean domainInUse(String domain);

    /** The world, or {@link UnknownWorldException}. */
    World get(String id) throws WorldException;

    /**
     * Applies a partial update (JSON keys {@code title}, {@code domain}, {@code config},
     * {@code roles}, {@code trait_grants}) in one transaction and returns the world as stored.
     * Any invalid field refuses the whole update, naming the field.
     */
    World update(String id, ObjectNode changes) throws WorldException;

    /**
     * Imports a venueless world config (JSON) in one transaction: creates or updates the
     * world, its rooms (matched by import id) and exhibitors. Invalid input is refused with
     * its JSON path and changes nothing. {@code domain}, when not null, becomes the world's domain.
     */
    ImportedWorld importConfig(InputStream json, String domain) throws WorldException;

    /** The world as a config file in the format {@link #importConfig} reads. */
    String exportConfig(String id) throws WorldException;

    /** The world's rooms that are not deleted, in sorting order. */
    List<Room> rooms(String worldId) throws WorldException;

    /** A room of the world that is not deleted. */
    Optional<Room> room(String worldId, UUID roomId) throws WorldException;

    /**
     * A new room from JSON keys {@code name} (required), {@code description}, {@code picture},
     * {@code sorting_priority}, {@code pretalx_id}, {@code trait_grants}, {@code module_config}.
     */
    Room createRoom(String worldId, ObjectNode room) throws WorldException;

    /** Sets the given keys of the room (as for {@link #createRoom}); others stay. */
    Room updateRoom(String worldId, UUID roomId, ObjectNode changes) throws WorldException;

    /** Marks the room deleted; it keeps its data but no longer appears. */
    void deleteRoom(String worldId, UUID roomId) throws WorldException;
}
