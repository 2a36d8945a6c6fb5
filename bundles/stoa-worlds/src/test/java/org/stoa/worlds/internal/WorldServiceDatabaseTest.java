package org.stoa.worlds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.worlds.ImportedWorld;
import org.stoa.worlds.Principal;
import org.stoa.worlds.Room;
import org.stoa.worlds.RoomChange;
import org.stoa.worlds.TraitRule;
import org.stoa.worlds.UnknownWorldException;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldChange;
import org.stoa.worlds.WorldException;

/** The world service on a real PostgreSQL with the bundle's own migrations. */
class WorldServiceDatabaseTest {

    private WorldServiceImpl worlds;

    @BeforeEach
    void database() throws Exception {
        worlds = new WorldServiceImpl(TestPostgres.dataSource(TestMigrations.newDatabaseWith("stoa-worlds", "db")));
    }

    @Test
    void aCreatedWorldHasTheDefaultRolesAndOneFreshSecret() throws Exception {
        World w = worlds.create("myevent2020", "My Event 2020", "venueless.mydomain.com");

        World stored = worlds.get("myevent2020");
        assertEquals(w, stored);
        assertEquals(1, stored.secrets().size());
        assertEquals("any", stored.secrets().get(0).issuer());
        assertEquals("venueless", stored.secrets().get(0).audience());
        assertTrue(stored.secrets().get(0).secret().matches("[A-Za-z0-9]{64}"));
        assertTrue(Permissions.of(stored).hasInWorld(Principal.ofTraits(List.of("admin")), "world:update"));
    }

    @Test
    void anExistingWorldIsNeverOverwritten() throws Exception {
        worlds.create("taken", "First", "first.example.org");

        WorldException e = assertThrows(WorldException.class, () -> worlds.create("taken", "Second", "second.example.org"));
        assertEquals("world taken already exists", e.getMessage());
        assertEquals("First", worlds.get("taken").title());
    }

    @Test
    void invalidIdsAndTakenDomainsAreRefused() throws Exception {
        worlds.create("one", "One", "one.example.org");

        assertThrows(WorldException.class, () -> worlds.create("Upper", "x", "x.example.org"));
        assertThrows(WorldException.class, () -> worlds.create("a".repeat(51), "x", "x.example.org"));
        WorldException taken = assertThrows(WorldException.class, () -> worlds.create("two", "Two", "one.example.org"));
        assertEquals("domain one.example.org is already used by another world", taken.getMessage());
        assertTrue(worlds.find("two").isEmpty());
    }

    @Test
    void importThenReimportUpdatesRoomsInPlace() throws Exception {
        ImportedWorld first = worlds.importConfig(fixture(), null);
        List<UUID> ids = worlds.rooms("sample").stream().map(Room::id).toList();
        ImportedWorld second = worlds.importConfig(fixture(), null);

        assertEquals(new ImportedWorld("sample", true, 8, 0, 2), first);
        assertEquals(new ImportedWorld("sample", false, 0, 8, 2), second);
        assertEquals(ids, worlds.rooms("sample").stream().map(Room::id).toList());
        assertEquals("Unsere tolle Online-Konferenz", worlds.get("sample").title());
        assertEquals(2, worlds.get("sample").connectionLimit());
        assertEquals(2, worlds.get("sample").secrets().size());
    }

    @Test
    void aRefusedImportChangesNothing() throws Exception {
        worlds.importConfig(fixture(), null);
        String before = worlds.exportConfig("sample");
        ObjectNode config = (ObjectNode) JsonForms.parse(new String(fixture().readAllBytes(), StandardCharsets.UTF_8));
        ((ObjectNode) config.get("world")).put("title", "Changed");
        ((ObjectNode) config.get("rooms").get(3)).remove("modules");

        WorldException e = assertThrows(WorldException.class,
                () -> worlds.importConfig(new ByteArrayInputStream(config.toString().getBytes(StandardCharsets.UTF_8)), null));
        assertEquals("rooms[3].modules: missing", e.getMessage());
        assertEquals(before, worlds.exportConfig("sample"));
    }

    @Test
    void exportReadsBackAsTheSameWorld() throws Exception {
        worlds.importConfig(fixture(), null);
        String exported = worlds.exportConfig("sample");
        worlds.importConfig(new ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8)), null);

        assertEquals(exported, worlds.exportConfig("sample"));
        assertEquals(8, worlds.rooms("sample").size());
    }

    @Test
    void cloneWithoutNewSecretsSharesTheSourceSecrets() throws Exception {
        worlds.importConfig(fixture(), "sample.example.org");
        World clone = worlds.clone("sample", "copy", "Copy", "copy.example.org", false);

        assertEquals(worlds.get("sample").secrets(), clone.secrets());
        assertEquals(worlds.get("sample").roles(), clone.roles());
        List<UUID> copies = worlds.rooms("copy").stream().map(Room::id).toList();
        List<UUID> originals = worlds.rooms("sample").stream().map(Room::id).toList();
        assertEquals(8, copies.size());
        assertTrue(copies.stream().noneMatch(originals::contains));
    }

    @Test
    void cloneWithNewSecretsGetsItsOwn() throws Exception {
        worlds.importConfig(fixture(), "sample.example.org");
        World clone = worlds.clone("sample", "copy", "Copy", "copy.example.org", true);

        assertNotEquals(worlds.get("sample").secrets(), clone.secrets());
        assertEquals(1, clone.secrets().size());
        assertEquals(worlds.get("sample").config().get("profile_fields"), clone.config().get("profile_fields"));
    }

    @Test
    void cloningAnUnknownWorldSaysSo() {
        assertThrows(UnknownWorldException.class, () -> worlds.clone("nope", "copy", "Copy", "c.example.org", false));
    }

    @Test
    void aWorldUpdateChangesOnlyTheGivenFields() throws Exception {
        worlds.create("upd", "Before", "upd.example.org");
        World updated = worlds.update("upd", WorldChange.title("After"));

        assertEquals("After", updated.title());
        assertEquals("upd.example.org", updated.domain());
        assertEquals(updated, worlds.get("upd"));
    }

    @Test
    void aWorldUpdateWithBrokenSecretsIsRefused() throws Exception {
        worlds.create("upd", "Before", "upd.example.org");
        ObjectNode config = (ObjectNode) JsonForms.parse("{\"JWT_secrets\": [{\"issuer\": \"x\"}]}");
        WorldChange patch = new WorldChange(null, null, config, null, null);

        WorldException e = assertThrows(WorldException.class, () -> worlds.update("upd", patch));
        assertTrue(e.getMessage().startsWith("config.JWT_secrets[0]"), e.getMessage());
        assertEquals(1, worlds.get("upd").secrets().size());
    }

    @Test
    void aWorldUpdateRefusesAnOverlongTitleAndChangesNothing() throws Exception {
        worlds.create("upd", "Before", "upd.example.org");

        assertEquals("title: at most 300 characters", assertThrows(WorldException.class,
                () -> worlds.update("upd", WorldChange.title("x".repeat(301)))).getMessage());
        assertEquals("title: must not be empty", assertThrows(WorldException.class,
                () -> worlds.update("upd", WorldChange.title(" "))).getMessage());
        assertEquals("Before", worlds.get("upd").title());
    }

    @Test
    void aWorldUpdateSetsRolesAndGrants() throws Exception {
        worlds.create("upd", "Before", "upd.example.org");
        var roles = Map.of("helper", List.of("world:view"));
        var grants = Map.of("helper", TraitRule.of(List.of(List.of("helpers"))));

        World updated = worlds.update("upd", new WorldChange(null, null, null, roles, grants));

        assertEquals(roles, updated.roles());
        assertEquals(grants, updated.traitGrants());
        assertEquals("Before", updated.title());
        assertEquals(updated, worlds.get("upd"));
    }

    @Test
    void roomsAreCreatedUpdatedAndSoftDeleted() throws Exception {
        worlds.create("rooms", "Rooms", "rooms.example.org");
        Room room = worlds.createRoom("rooms", new RoomChange("Stage", null, null, null, null, null,
                (ArrayNode) JsonForms.parse("[{\"type\": \"livestream.native\", \"config\": {}}]")));
        Room renamed = worlds.updateRoom("rooms", room.id(), RoomChange.name("Main stage"));

        assertEquals("Main stage", renamed.name());
        assertEquals(room.moduleConfig(), renamed.moduleConfig());
        worlds.deleteRoom("rooms", room.id());
        assertTrue(worlds.room("rooms", room.id()).isEmpty());
        assertTrue(worlds.rooms("rooms").isEmpty());
    }

    @Test
    void aRoomsPretalxIdIsSetKeptAndTakenAway() throws Exception {
        worlds.create("rooms", "Rooms", "rooms.example.org");
        Room room = worlds.createRoom("rooms", new RoomChange("Talks", null, null, 3, Optional.of(42), null, null));
        assertEquals(42, room.pretalxId());
        assertEquals(3, room.sortingPriority());

        assertEquals(42, worlds.updateRoom("rooms", room.id(), RoomChange.name("Talks 2")).pretalxId(), "absent: kept");
        Room cleared = worlds.updateRoom("rooms", room.id(), new RoomChange(null, null, null, null, Optional.empty(), null, null));
        assertEquals(null, cleared.pretalxId());
        assertEquals("Talks 2", cleared.name());
        assertEquals(cleared, worlds.room("rooms", room.id()).orElseThrow());
    }

    @Test
    void badRoomFieldsAreNamed() throws Exception {
        worlds.create("rooms", "Rooms", "rooms.example.org");

        assertEquals("name: missing", assertThrows(WorldException.class,
                () -> worlds.createRoom("rooms", new RoomChange(null, "d", null, null, null, null, null))).getMessage());
        assertEquals("name: must not be empty", assertThrows(WorldException.class,
                () -> worlds.createRoom("rooms", RoomChange.name(" "))).getMessage());
        assertEquals("module_config[0].type: missing", assertThrows(WorldException.class,
                () -> worlds.createRoom("rooms", new RoomChange("x", null, null, null, null, null,
                        (ArrayNode) JsonForms.parse("[{}]")))).getMessage());
        assertEquals("description: at most 100000 characters", assertThrows(WorldException.class,
                () -> worlds.createRoom("rooms", new RoomChange("x", "d".repeat(100_001), null, null, null, null, null)))
                .getMessage());
        assertFalse(worlds.rooms("rooms").iterator().hasNext());
    }

    private static InputStream fixture() {
        return WorldServiceDatabaseTest.class.getResourceAsStream("/sample-world.json");
    }
}
