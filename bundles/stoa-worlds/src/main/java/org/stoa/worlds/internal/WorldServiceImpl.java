package org.stoa.worlds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.shell.ShellVariable;
import org.stoa.worlds.ImportedWorld;
import org.stoa.worlds.Room;
import org.stoa.worlds.RoomChange;
import org.stoa.worlds.UnknownWorldException;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldChange;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.worlds.internal.config.Columns;
import org.stoa.worlds.internal.config.InvalidWorldConfigException;
import org.stoa.worlds.internal.config.WorldConfig;
import org.stoa.worlds.internal.config.WorldConfigReader;
import org.stoa.worlds.internal.config.WorldConfigWriter;

/** Worlds and rooms: validation and transactions over {@link WorldRepository}. */
@Component(service = WorldService.class, property = {
        ShellVariable.NAME + "=worlds", ShellVariable.EXAMPLE + "=$worlds list"})
public class WorldServiceImpl implements WorldService {

    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int DOMAIN_LENGTH = 250;
    private static final int DESCRIPTION_LENGTH = 100_000;
    private static final int PICTURE_LENGTH = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final WorldRepository repository = new WorldRepository();
    private final Transactions<WorldException> transactions;
    private final ConfigImport configImport;

    @Activate
    public WorldServiceImpl(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-worlds)") ModuleSchema schema) {
        this(schema.dataSource());
    }

    WorldServiceImpl(DataSource database) {
        this.transactions = new Transactions<>(database, WorldException::new);
        this.configImport = new ConfigImport(repository);
    }

    @Override
    public World create(String id, String title, String domain) throws WorldException {
        ObjectNode config = JsonForms.MAPPER.createObjectNode();
        config.set("JWT_secrets", freshSecrets());
        World world = new World(id, title, domain, config, Permissions.DEFAULT_ROLES, Permissions.DEFAULT_TRAIT_GRANTS,
                "en", "Europe/Berlin", List.of("chat-moderation"));
        return transactions.inTransaction(c -> insertNew(c, world));
    }

    @Override
    public World clone(String sourceId, String newId, String title, String domain, boolean newSecrets)
            throws WorldException {
        return transactions.inTransaction(c -> {
            World source = repository.world(c, sourceId).orElseThrow(() -> new UnknownWorldException(sourceId));
            ObjectNode config = source.config().deepCopy();
            if (newSecrets) {
                config.set("JWT_secrets", freshSecrets());
            }
            World copy = insertNew(c, new World(newId, title, domain, config, source.roles(), source.traitGrants(),
                    source.locale(), source.timezone(), source.featureFlags()));
            for (Room room : repository.rooms(c, sourceId, false)) {
                repository.insert(c, new Room(UUID.randomUUID(), newId, room.name(), room.description(), room.picture(),
                        room.sortingPriority(), room.importId(), room.pretalxId(), room.traitGrants(),
                        room.moduleConfig(), false));
            }
            return copy;
        });
    }

    @Override
    public List<World> list() throws WorldException {
        return transactions.inTransaction(repository::worlds);
    }

    @Override
    public Optional<World> find(String id) {
        try {
            return transactions.inTransaction(c -> repository.world(c, id));
        } catch (WorldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<World> findByDomain(String domain) {
        try {
            return transactions.inTransaction(c -> repository.worldAt(c, domain));
        } catch (WorldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean domainInUse(String domain) {
        try {
            return transactions.inTransaction(c -> repository.domainTaken(c, domain, null));
        } catch (WorldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public World get(String id) throws WorldException {
        return transactions.inTransaction(c -> existing(c, id));
    }

    @Override
    public World update(String id, WorldChange change) throws WorldException {
        String title = atMost("title", change.title(), Columns.TITLE);
        String domain = atMost("domain", change.domain(), DOMAIN_LENGTH);
        ObjectNode config = change.config() == null ? null : checked("config", WorldConfigReader::worldConfig, change.config());
        var roles = change.roles();
        var traitGrants = change.traitGrants();
        if (title != null) {
            checkTitle(title);
        }
        return transactions.inTransaction(c -> {
            World w = repository.worldForUpdate(c, id).orElseThrow(() -> new UnknownWorldException(id));
            if (domain != null) {
                checkDomain(c, domain, id);
            }
            World updated = new World(id, title != null ? title : w.title(), domain != null ? domain : w.domain(),
                    config != null ? config : w.config(), roles != null ? roles : w.roles(),
                    traitGrants != null ? traitGrants : w.traitGrants(), w.locale(), w.timezone(), w.featureFlags());
            repository.update(c, updated);
            return updated;
        });
    }

    @Override
    public ImportedWorld importConfig(InputStream json, String domain) throws WorldException {
        WorldConfig config = read(json);
        return transactions.inTransaction(c -> {
            if (domain != null) {
                checkDomain(c, domain, config.id());
            }
            return configImport.apply(c, config, domain);
        });
    }

    @Override
    public String exportConfig(String id) throws WorldException {
        WorldConfig config = transactions.inTransaction(c -> configImport.export(c, existing(c, id)));
        return new WorldConfigWriter().write(config);
    }

    @Override
    public List<Room> rooms(String worldId) throws WorldException {
        return transactions.inTransaction(c -> {
            existing(c, worldId);
            return repository.rooms(c, worldId, false);
        });
    }

    @Override
    public Optional<Room> room(String worldId, UUID roomId) throws WorldException {
        return transactions.inTransaction(c -> {
            existing(c, worldId);
            return repository.room(c, worldId, roomId);
        });
    }

    @Override
    public Room createRoom(String worldId, RoomChange fields) throws WorldException {
        if (fields.name() == null) {
            throw new WorldException("name: missing");
        }
        Room room = roomWith(fields, new Room(UUID.randomUUID(), worldId, fields.name(), "", "", 0, null, null, Map.of(),
                JsonForms.MAPPER.createArrayNode(), false));
        return transactions.inTransaction(c -> {
            existing(c, worldId);
            repository.insert(c, room);
            return room;
        });
    }

    @Override
    public Room updateRoom(String worldId, UUID roomId, RoomChange fields) throws WorldException {
        return transactions.inTransaction(c -> {
            Room updated = roomWith(fields, existingRoom(c, worldId, roomId));
            repository.update(c, updated);
            return updated;
        });
    }

    @Override
    public void deleteRoom(String worldId, UUID roomId) throws WorldException {
        transactions.inTransaction(c -> {
            Room r = existingRoom(c, worldId, roomId);
            repository.update(c, new Room(r.id(), r.worldId(), r.name(), r.description(), r.picture(),
                    r.sortingPriority(), r.importId(), r.pretalxId(), r.traitGrants(), r.moduleConfig(), true));
            return null;
        });
    }

    private World insertNew(Connection c, World world) throws SQLException, WorldException {
        if (!WorldService.isValidId(world.id())) {
            throw new WorldException("invalid world id \"" + world.id() + "\": use lower-case letters and digits, at most 50");
        }
        checkTitle(world.title());
        checkDomain(c, world.domain(), world.id());
        if (!repository.insert(c, world)) {
            throw new WorldException("world " + world.id() + " already exists");
        }
        return world;
    }

    private World existing(Connection c, String id) throws SQLException, WorldException {
        return repository.world(c, id).orElseThrow(() -> new UnknownWorldException(id));
    }

    private Room existingRoom(Connection c, String worldId, UUID roomId) throws SQLException, WorldException {
        existing(c, worldId);
        return repository.room(c, worldId, roomId)
                .orElseThrow(() -> new WorldException("unknown room " + roomId + " in world " + worldId));
    }

    private static Room roomWith(RoomChange fields, Room r) throws WorldException {
        String name = atMost("name", fields.name(), Columns.ROOM_NAME);
        if (name != null && name.isBlank()) {
            throw new WorldException("name: must not be empty");
        }
        String description = atMost("description", fields.description(), DESCRIPTION_LENGTH);
        String picture = atMost("picture", fields.picture(), PICTURE_LENGTH);
        Integer sorting = fields.sortingPriority();
        var traitGrants = fields.traitGrants();
        ArrayNode modules = checkedModules(fields);
        Integer pretalx = fields.pretalxId() != null ? fields.pretalxId().orElse(null) : r.pretalxId();
        return new Room(r.id(), r.worldId(), name != null ? name : r.name(),
                description != null ? description : r.description(), picture != null ? picture : r.picture(),
                sorting != null ? sorting : r.sortingPriority(), r.importId(), pretalx,
                traitGrants != null ? traitGrants : r.traitGrants(), modules != null ? modules : r.moduleConfig(),
                r.deleted());
    }

    /** The text, refused naming its field when it is longer than its column holds. */
    private static String atMost(String field, String text, int maxLength) throws WorldException {
        if (text != null && text.length() > maxLength) {
            throw new WorldException(field + ": at most " + maxLength + " characters");
        }
        return text;
    }

    /** A room's modules must be what a config file may hold: a list of {@code {type, config}}. */
    private static ArrayNode checkedModules(RoomChange fields) throws WorldException {
        if (fields.moduleConfig() != null) {
            checked("module_config", WorldConfigReader::modules, fields.moduleConfig());
        }
        return fields.moduleConfig();
    }

    private interface Part<T> {
        T read(JsonNode json, String field) throws InvalidWorldConfigException;
    }

    /** A part of a world read by the world-config rules, so it holds exactly what a file may hold. */
    private static <T> T checked(String field, Part<T> part, JsonNode value) throws WorldException {
        try {
            return part.read(value, field);
        } catch (InvalidWorldConfigException e) {
            throw new WorldException(e.getMessage());
        }
    }

    private static void checkTitle(String title) throws WorldException {
        if (title == null || title.isBlank()) {
            throw new WorldException("title: must not be empty");
        }
        if (title.length() > Columns.TITLE) {
            throw new WorldException("title: at most " + Columns.TITLE + " characters");
        }
    }

    private void checkDomain(Connection c, String domain, String worldId) throws SQLException, WorldException {
        if (domain == null) {
            return;
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new WorldException("invalid domain \"" + domain + "\": use lower-case letters, digits, '-', '.' and ':'");
        }
        if (repository.domainTaken(c, domain, worldId)) {
            throw new WorldException("domain " + domain + " is already used by another world");
        }
    }

    private static WorldConfig read(InputStream json) throws WorldException {
        try {
            return new WorldConfigReader().read(json);
        } catch (InvalidWorldConfigException e) {
            throw new WorldException(e.getMessage());
        } catch (IOException e) {
            throw new WorldException("cannot read the config: " + e.getMessage());
        }
    }

    private ArrayNode freshSecrets() {
        ArrayNode secrets = JsonForms.MAPPER.createArrayNode();
        secrets.addObject().put("issuer", "any").put("audience", "venueless").put("secret", randomSecret());
        return secrets;
    }

    private String randomSecret() {
        StringBuilder secret = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }
}
