package org.stoa.worlds.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.worlds.TraitRule;

class WorldConfigReaderTest {

    private static final WorldConfigReader READER = new WorldConfigReader();

    private static WorldConfig sample;

    @BeforeAll
    static void readSample() throws IOException, InvalidWorldConfigException {
        sample = READER.read(SampleWorld.stream());
    }

    @Test
    void theSampleWorldKeepsItsIdAndTitleApartFromItsConfig() {
        assertEquals("sample", sample.id());
        assertEquals("Unsere tolle Online-Konferenz", sample.title());
        assertEquals(List.of("pretalx", "bbb_defaults", "connection_limit", "user_list", "profile_fields", "JWT_secrets"),
                fieldNames(sample.config()));
        assertEquals(2, sample.config().get("connection_limit").intValue());
        assertEquals("democon", sample.config().get("pretalx").get("event").textValue());
    }

    @Test
    void worldConfigOtherThanSecretsAndConnectionLimitIsFreeForm() throws InvalidWorldConfigException {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W", "locale": "de", "feature-flags": [1, {"x": null}]}, "rooms": []}
                """);
        assertEquals("de", world.config().get("locale").textValue());
        assertEquals(2, world.config().get("feature-flags").size());
    }

    @Test
    void theSampleWorldHasTwoJwtSecrets() {
        assertEquals(2, sample.config().get("JWT_secrets").size());
        assertEquals("https://example.org/", sample.config().get("JWT_secrets").get(1).get("issuer").textValue());
    }

    @Test
    void theSampleWorldHasItsTenRolesInFileOrder() {
        assertEquals(List.of("attendee", "viewer", "participant", "room_creator", "room_owner", "speaker", "moderator",
                "admin", "apiuser", "scheduleuser"), List.copyOf(sample.roles().keySet()));
        assertEquals(List.of("world:view", "room:view", "room:chat.read"), sample.roles().get("viewer"));
        assertEquals(List.of("world:api"), sample.roles().get("scheduleuser"));
    }

    @Test
    void theSampleWorldGrantsRolesByTrait() {
        assertEquals(10, sample.traitGrants().size());
        assertEquals(TraitRule.of(List.of()), sample.traitGrants().get("attendee"));
        assertEquals(TraitRule.allOf("global-viewer"), sample.traitGrants().get("viewer"));
        assertEquals(TraitRule.allOf("schedule-update"), sample.traitGrants().get("scheduleuser"));
    }

    @Test
    void theSampleWorldHasEightRoomsInFileOrder() {
        assertEquals(List.of("about", "a-page", "room_0", "room_1", "room_2", "room_3", "chat", "room_4"),
                sample.rooms().stream().map(RoomConfig::id).toList());
    }

    @Test
    void aRoomKeepsItsPretalxIdNameModulesAndGrants() {
        RoomConfig plenum = sample.rooms().get(2);
        assertEquals(130, plenum.pretalxId());
        assertEquals("Plenum", plenum.name());
        assertEquals("https://via.placeholder.com/150", plenum.picture());
        assertEquals(List.of("livestream.native", "question", "poll", "chat.native"),
                plenum.modules().stream().map(RoomModule::type).toList());
        assertTrue(plenum.modules().get(3).config().get("volatile").booleanValue());
        assertEquals(Map.of("viewer", TraitRule.of(List.of()), "participant", TraitRule.of(List.of())),
                plenum.traitGrants());
    }

    @Test
    void aRoomWithoutPretalxIdHasNone() {
        assertNull(sample.rooms().get(0).pretalxId());
    }

    @Test
    void aModuleWithAnEmptyConfigKeepsIt() {
        RoomModule exhibition = sample.rooms().get(7).modules().get(0);
        assertEquals("exhibition.native", exhibition.type());
        assertTrue(exhibition.config().isEmpty());
    }

    @Test
    void theSampleWorldHasTwoExhibitorsWithTheirLinks() {
        assertEquals(2, sample.exhibitors().size());
        ExhibitorConfig schmidt = sample.exhibitors().get(0);
        assertEquals("Messebau Schmidt UG", schmidt.name());
        assertEquals("room_4", schmidt.room());
        assertEquals("1x1", schmidt.size());
        assertNull(schmidt.textContent());
        assertEquals(List.of(new ExhibitorLink("Info Broschüre", "https://de.wikipedia.org/wiki/Messebau"),
                new ExhibitorLink("Website", "http://example.org/")), schmidt.links());
        assertEquals(List.of(new ExhibitorLink("XING", "https://www.xing.com/")), schmidt.socialMediaLinks());
    }

    @Test
    void anExhibitorWithoutLinksHasNone() {
        assertEquals(List.of(), sample.exhibitors().get(1).links());
    }

    @Test
    void optionalRoomFieldsDefaultToEmpty() throws InvalidWorldConfigException {
        RoomConfig room = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "rooms": [{"id": "r", "name": "R", "modules": [{"type": "chat.native"}]}]}
                """).rooms().get(0);
        assertEquals(new RoomConfig("r", "R", "", "", null, Map.of(), List.of(new RoomModule("chat.native",
                JsonNodeFactory.instance.objectNode()))), room);
    }

    @Test
    void aWorldWithoutRolesGrantsOrExhibitorsLeavesRolesAndGrantsUnsetAndHasNoExhibitors()
            throws InvalidWorldConfigException {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"}, "rooms": []}
                """);
        assertNull(world.roles());
        assertNull(world.traitGrants());
        assertEquals(List.of(), world.exhibitors());
        assertTrue(world.config().isEmpty());
    }

    @Test
    void optionalExhibitorFieldsDefaultToEmpty() throws InvalidWorldConfigException {
        ExhibitorConfig exhibitor = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "rooms": [{"id": "hall", "name": "Hall", "modules": []}],
                 "exhibitors": [{"name": "Acme", "room": "hall"}]}
                """).exhibitors().get(0);
        assertEquals(new ExhibitorConfig("Acme", "", "", "", "", null, "", "hall", List.of(), List.of()), exhibitor);
    }

    @Test
    void aTraitClauseMayBeAListOfTraitsOfWhichAnyWillDo() throws InvalidWorldConfigException {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "trait_grants": {"speaker": ["attendee", ["speaker", "moderator"]]},
                 "rooms": []}
                """);
        assertEquals(TraitRule.of(List.of(List.of("attendee"), List.of("speaker", "moderator"))),
                world.traitGrants().get("speaker"));
    }

    @Test
    void anExhibitorMayComeBeforeTheRoomItStandsIn() throws InvalidWorldConfigException {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "exhibitors": [{"name": "Acme", "room": "hall"}],
                 "rooms": [{"id": "hall", "name": "Hall", "modules": []}]}
                """);
        assertEquals("hall", world.exhibitors().get(0).room());
    }

    @Test
    void theCollectionsReadAreUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> sample.rooms().clear());
        assertThrows(UnsupportedOperationException.class, () -> sample.roles().get("viewer").clear());
        assertThrows(UnsupportedOperationException.class, () -> sample.traitGrants().clear());
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
