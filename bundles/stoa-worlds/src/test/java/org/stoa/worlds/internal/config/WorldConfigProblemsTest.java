package org.stoa.worlds.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every problem a world-config file can have is reported as one line: the JSON path of the
 * first problem in the file and what is wrong there. Most cases spoil one spot of the real
 * sample file, so each shows the message an operator would see for that mistake.
 */
class WorldConfigProblemsTest {

    private static final WorldConfigReader READER = new WorldConfigReader();

    // --- the file as a whole

    @Test
    void unparsableJsonIsRejectedWithItsLineAndColumn() {
        // The stray comma is in column 13, and Jackson 2.22 points at it.
        assertEquals("invalid JSON at line 2, column 13: Unexpected character (',' (code 44)): "
                        + "was expecting double-quote to start field name",
                problemIn("{\n  \"world\": {, \"rooms\": []}"));
    }

    @Test
    void aFileCutShortNamesWhereTheUnclosedArrayBeganWithoutJacksonsSourceText() {
        assertEquals("invalid JSON at line 2, column 24: Unexpected end-of-input: expected close marker for Array "
                        + "(start marker at line 2, column 12)",
                problemIn("{\"world\": {\"id\": \"w\", \"title\": \"W\"},\n  \"rooms\": [{\"name\": 1}"));
    }

    @Test
    void contentAfterTheDocumentIsRejectedAsInvalidJson() {
        assertEquals("invalid JSON at line 1, column 51: content after the end of the document",
                problemIn("{\"world\": {\"id\": \"w\", \"title\": \"W\"}, \"rooms\": []} {}"));
    }

    @Test
    void aKeyRepeatedInOneObjectIsRejectedNamingItsPath() {
        assertEquals("rooms[0].name: duplicate key", problemIn("""
                {"world": {"id": "w", "title": "W"},
                 "rooms": [{"id": "a", "name": "A", "name": "B", "modules": []}]}
                """));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRejected() {
        assertEquals("(root): must be an object", problemIn("[]"));
    }

    @Test
    void anEmptyFileIsRejectedAsNotAnObject() {
        assertEquals("(root): must be an object", problemIn(""));
    }

    @Test
    void anUnknownTopLevelKeyIsRejected() {
        assertEquals("event: unknown key", problemWith(file -> file.putObject("event")));
    }

    @Test
    void aTopLevelKeyThatIsNotAPlainWordIsQuotedInThePath() {
        assertEquals("[\"trait-grants\"]: unknown key", problemWith(file -> file.putObject("trait-grants")));
    }

    @Test
    void aFileWithoutWorldIsRejected() {
        assertEquals("world: missing", problemWith(file -> file.remove("world")));
    }

    @Test
    void aFileWithoutRoomsIsRejected() {
        assertEquals("rooms: missing", problemIn("""
                {"world": {"id": "w", "title": "W"}}
                """));
    }

    // --- the world

    @Test
    void aWorldWithoutTitleIsRejected() {
        assertEquals("world.title: missing", problemWith(file -> at(file, "/world").remove("title")));
    }

    @Test
    void aWorldIdThatIsNotAStringIsRejected() {
        assertEquals("world.id: must be a string", problemWith(file -> at(file, "/world").put("id", 7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sample", "my-event", "my event", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijx"})
    void aWorldIdOtherThanUpToFiftyLowerCaseLettersAndDigitsIsRejected(String id) {
        assertEquals("world.id: must be lower-case letters and digits, at most 50",
                problemWith(file -> at(file, "/world").put("id", id)));
    }

    @Test
    void aConnectionLimitThatIsNotAnIntegerIsRejected() {
        assertEquals("world.connection_limit: must be an integer",
                problemWith(file -> at(file, "/world").put("connection_limit", "2")));
    }

    @Test
    void aFractionalConnectionLimitIsRejected() {
        assertEquals("world.connection_limit: must be an integer",
                problemWith(file -> at(file, "/world").put("connection_limit", 2.5)));
    }

    @Test
    void aNegativeConnectionLimitIsRejected() {
        assertEquals("world.connection_limit: must not be negative",
                problemWith(file -> at(file, "/world").put("connection_limit", -1)));
    }

    @Test
    void jwtSecretsThatAreNotAListAreRejected() {
        assertEquals("world.JWT_secrets: must be a list",
                problemWith(file -> at(file, "/world").putObject("JWT_secrets")));
    }

    @Test
    void aJwtSecretThatIsNotAnObjectIsRejected() {
        assertEquals("world.JWT_secrets[1]: must be an object",
                problemWith(file -> at(file, "/world").withArray("JWT_secrets").set(1, "lol")));
    }

    @Test
    void aJwtSecretWithoutItsSecretIsRejected() {
        assertEquals("world.JWT_secrets[1].secret: missing",
                problemWith(file -> at(file, "/world/JWT_secrets/1").remove("secret")));
    }

    @Test
    void aJwtSecretWithAnUnknownKeyIsRejected() {
        assertEquals("world.JWT_secrets[0].algorithm: unknown key",
                problemWith(file -> at(file, "/world/JWT_secrets/0").put("algorithm", "HS256")));
    }

    @Test
    void aJwtSecretThatIsNotAStringIsRejected() {
        assertEquals("world.JWT_secrets[0].secret: must be a string",
                problemWith(file -> at(file, "/world/JWT_secrets/0").put("secret", 42)));
    }

    // --- roles and trait grants

    @Test
    void rolesThatAreNotAnObjectAreRejected() {
        assertEquals("roles: must be an object", problemWith(file -> file.putArray("roles")));
    }

    @Test
    void aRoleThatIsNotAListOfPermissionsIsRejected() {
        assertEquals("roles.viewer: must be a list", problemWith(file -> at(file, "/roles").put("viewer", "world:view")));
    }

    @Test
    void aPermissionThatIsNotAStringIsRejected() {
        assertEquals("roles.viewer[1]: must be a string",
                problemWith(file -> at(file, "/roles").withArray("viewer").set(1, true)));
    }

    @Test
    void aTraitGrantClauseThatIsNeitherATraitNorAListOfTraitsIsRejected() {
        assertEquals("trait_grants.viewer[1]: must be a trait or a list of traits",
                problemWith(file -> at(file, "/trait_grants").withArray("viewer").add(5)));
    }

    @Test
    void aTraitInAnAnyOfClauseMustBeAString() {
        assertEquals("trait_grants.viewer[1][1]: must be a string",
                problemWith(file -> at(file, "/trait_grants").withArray("viewer").addArray().add("speaker").addNull()));
    }

    @Test
    void aRoomsTraitGrantsAreCheckedAsTheWorldsAre() {
        assertEquals("rooms[2].trait_grants.viewer: must be a list",
                problemWith(file -> at(file, "/rooms/2/trait_grants").put("viewer", "global-viewer")));
    }

    // --- rooms

    @Test
    void roomsThatAreNotAListAreRejected() {
        assertEquals("rooms: must be a list", problemWith(file -> file.putObject("rooms")));
    }

    @Test
    void aRoomThatIsNotAnObjectIsRejected() {
        assertEquals("rooms[1]: must be an object", problemWith(file -> file.withArray("rooms").set(1, "a-page")));
    }

    @Test
    void aRoomWithoutModulesIsRejectedNamingItsPath() {
        assertEquals("rooms[3].modules: missing", problemWith(file -> at(file, "/rooms/3").remove("modules")));
    }

    @Test
    void aRoomWithoutIdIsRejected() {
        assertEquals("rooms[0].id: missing", problemWith(file -> at(file, "/rooms/0").remove("id")));
    }

    @Test
    void anUnknownRoomKeyIsRejectedNamingItsPath() {
        assertEquals("rooms[0].foo: unknown key", problemWith(file -> at(file, "/rooms/0").put("foo", 1)));
    }

    @Test
    void anUnknownKeyThatIsNotAPlainWordIsQuotedInThePath() {
        assertEquals("rooms[0][\"sorting-priority\"]: unknown key",
                problemWith(file -> at(file, "/rooms/0").put("sorting-priority", 1)));
    }

    @Test
    void aRoomNameThatIsNotAStringIsRejected() {
        assertEquals("rooms[1].name: must be a string", problemWith(file -> at(file, "/rooms/1").put("name", 5)));
    }

    @Test
    void aPretalxIdThatIsNotAnIntegerIsRejected() {
        assertEquals("rooms[2].pretalx_id: must be an integer",
                problemWith(file -> at(file, "/rooms/2").put("pretalx_id", "130")));
    }

    @Test
    void aPretalxIdBeyondThirtyTwoBitsIsRejected() {
        assertEquals("rooms[2].pretalx_id: is out of range",
                problemWith(file -> at(file, "/rooms/2").put("pretalx_id", 1L << 32)));
    }

    @Test
    void aRoomIdUsedTwiceIsRejectedAtItsSecondUse() {
        assertEquals("rooms[4].id: duplicate room id \"room_0\"",
                problemWith(file -> at(file, "/rooms/4").put("id", "room_0")));
    }

    @Test
    void modulesThatAreNotAListAreRejected() {
        assertEquals("rooms[0].modules: must be a list", problemWith(file -> at(file, "/rooms/0").putObject("modules")));
    }

    @Test
    void aModuleWithoutTypeIsRejected() {
        assertEquals("rooms[2].modules[1].type: missing",
                problemWith(file -> at(file, "/rooms/2/modules/1").remove("type")));
    }

    @Test
    void aModuleWithAnUnknownKeyIsRejected() {
        assertEquals("rooms[2].modules[0].settings: unknown key",
                problemWith(file -> at(file, "/rooms/2/modules/0").putObject("settings")));
    }

    @Test
    void aModuleConfigThatIsNotAnObjectIsRejected() {
        assertEquals("rooms[2].modules[0].config: must be an object",
                problemWith(file -> at(file, "/rooms/2/modules/0").putArray("config")));
    }

    // --- exhibitors

    @Test
    void exhibitorsThatAreNotAListAreRejected() {
        assertEquals("exhibitors: must be a list", problemWith(file -> file.putObject("exhibitors")));
    }

    @Test
    void anExhibitorInARoomTheFileDoesNotHaveIsRejected() {
        assertEquals("exhibitors[0].room: no room with id \"hall\"",
                problemWith(file -> at(file, "/exhibitors/0").put("room", "hall")));
    }

    @Test
    void anExhibitorWithoutNameIsRejected() {
        assertEquals("exhibitors[1].name: missing", problemWith(file -> at(file, "/exhibitors/1").remove("name")));
    }

    @Test
    void anExhibitorWithoutRoomIsRejected() {
        assertEquals("exhibitors[1].room: missing", problemWith(file -> at(file, "/exhibitors/1").remove("room")));
    }

    @Test
    void anExhibitorWithAnUnknownKeyIsRejected() {
        assertEquals("exhibitors[0].website: unknown key",
                problemWith(file -> at(file, "/exhibitors/0").put("website", "https://example.org/")));
    }

    @Test
    void anExhibitorTaglineThatIsNotAStringIsRejected() {
        assertEquals("exhibitors[0].tagline: must be a string",
                problemWith(file -> at(file, "/exhibitors/0").putArray("tagline")));
    }

    @Test
    void textContentThatIsNotAListIsRejected() {
        assertEquals("exhibitors[0].text_content: must be a list",
                problemWith(file -> at(file, "/exhibitors/0").put("text_content", "Hallo")));
    }

    @Test
    void anExhibitorLinkWithoutUrlIsRejected() {
        assertEquals("exhibitors[0].links[1].url: missing",
                problemWith(file -> at(file, "/exhibitors/0/links/1").remove("url")));
    }

    @Test
    void anExhibitorLinkWithAnUnknownKeyIsRejected() {
        assertEquals("exhibitors[0].social_media_links[0].icon: unknown key",
                problemWith(file -> at(file, "/exhibitors/0/social_media_links/0").put("icon", "xing.svg")));
    }

    // --- which problem comes first

    @Test
    void ofTwoBadRoomsTheFirstInTheFileIsReported() {
        assertEquals("rooms[1].foo: unknown key", problemWith(file -> {
            at(file, "/rooms/5").remove("modules");
            at(file, "/rooms/1").put("foo", 1);
        }));
    }

    @Test
    void withinAnObjectTheFirstBadKeyInTheFileIsReported() {
        assertEquals("rooms[0].foo: unknown key", problemIn("""
                {"world": {"id": "w", "title": "W"}, "rooms": [{"foo": 1, "name": 5}]}
                """));
        assertEquals("rooms[0].name: must be a string", problemIn("""
                {"world": {"id": "w", "title": "W"}, "rooms": [{"name": 5, "foo": 1}]}
                """));
    }

    @Test
    void aMissingKeyIsReportedAfterTheObjectsOtherProblems() {
        assertEquals("rooms[0].foo: unknown key", problemIn("""
                {"world": {"id": "w", "title": "W"}, "rooms": [{"id": "a", "foo": 1}]}
                """));
    }

    @Test
    void anExhibitorsRoomIsCheckedWhereTheExhibitorStands() {
        assertEquals("exhibitors[0].room: no room with id \"hall\"", problemIn("""
                {"world": {"id": "w", "title": "W"},
                 "exhibitors": [{"name": "Acme", "room": "hall"}],
                 "rooms": [{"id": "stage", "name": "Stage"}]}
                """));
    }

    private static String problemIn(String json) {
        return assertThrows(InvalidWorldConfigException.class, () -> READER.read(json)).getMessage();
    }

    /** The problem reported for the sample file after {@code change} spoiled it. */
    private static String problemWith(Consumer<ObjectNode> change) {
        ObjectNode file = SampleWorld.tree();
        change.accept(file);
        return problemIn(file.toString());
    }

    private static ObjectNode at(ObjectNode file, String pointer) {
        return (ObjectNode) file.at(pointer);
    }
}
