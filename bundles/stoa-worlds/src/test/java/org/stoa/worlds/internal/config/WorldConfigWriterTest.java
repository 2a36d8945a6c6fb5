package org.stoa.worlds.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stoa.worlds.TraitRule;

class WorldConfigWriterTest {

    private static final WorldConfigReader READER = new WorldConfigReader();
    private static final WorldConfigWriter WRITER = new WorldConfigWriter();

    @Test
    void theWrittenSampleWorldReadsBackEqual() throws InvalidWorldConfigException {
        WorldConfig sample = READER.read(SampleWorld.text());
        assertEquals(sample, READER.read(WRITER.write(sample)));
    }

    @Test
    void theWrittenSampleWorldIsTheOriginalFileSaveForTheLinksItDefaulted() throws Exception {
        ObjectNode expected = SampleWorld.tree();
        // The second exhibitor has no "links"; the reader defaults them to none, and the writer
        // writes every field the reader defaults, so the file shows an exhibitor's whole shape.
        ((ObjectNode) expected.at("/exhibitors/1")).putArray("links");
        JsonNode written = new ObjectMapper().readTree(WRITER.write(READER.read(SampleWorld.text())));
        assertEquals(expected, written);
    }

    @Test
    void theWrittenFileKeepsTheVenuelessKeyOrder() throws Exception {
        JsonNode written = new ObjectMapper().readTree(WRITER.write(READER.read(SampleWorld.text())));
        assertEquals(List.of("world", "roles", "trait_grants", "rooms", "exhibitors"), fieldNames(written));
        assertEquals(List.of("id", "title", "pretalx", "bbb_defaults", "connection_limit", "user_list",
                "profile_fields", "JWT_secrets"), fieldNames(written.get("world")));
        assertEquals(List.of("id", "name", "description", "picture", "pretalx_id", "trait_grants", "modules"),
                fieldNames(written.at("/rooms/2")));
        assertEquals(List.of("name", "tagline", "short_text", "logo", "text", "size", "room", "links",
                "social_media_links"), fieldNames(written.at("/exhibitors/0")));
    }

    @Test
    void aClauseOfOneTraitIsWrittenAsAStringAndLongerClausesAsLists() throws Exception {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"}, "rooms": []}
                """);
        WorldConfig granting = new WorldConfig(world.id(), world.title(), world.config(), null,
                Map.of("speaker", TraitRule.of(List.of(List.of("attendee"), List.of("speaker", "moderator")))),
                List.of(), List.of());
        JsonNode written = new ObjectMapper().readTree(WRITER.write(granting));
        assertEquals(new ObjectMapper().readTree("""
                ["attendee", ["speaker", "moderator"]]
                """), written.at("/trait_grants/speaker"));
    }

    @Test
    void unsetRolesGrantsPretalxIdAndTextContentAreLeftOut() throws Exception {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "rooms": [{"id": "hall", "name": "Hall", "modules": []}],
                 "exhibitors": [{"name": "Acme", "room": "hall"}]}
                """);
        JsonNode written = new ObjectMapper().readTree(WRITER.write(world));
        assertFalse(written.has("roles"));
        assertFalse(written.has("trait_grants"));
        assertFalse(written.at("/rooms/0").has("pretalx_id"));
        assertFalse(written.at("/exhibitors/0").has("text_content"));
    }

    @Test
    void textContentRoundTrips() throws InvalidWorldConfigException {
        WorldConfig world = READER.read("""
                {"world": {"id": "w", "title": "W"},
                 "rooms": [{"id": "hall", "name": "Hall", "modules": []}],
                 "exhibitors": [{"name": "Acme", "room": "hall", "text_content": [{"type": "text", "text": "Hi"}]}]}
                """);
        assertEquals(world, READER.read(WRITER.write(world)));
    }

    @Test
    void theFileIsPrettyPrintedWithOneListElementALine() throws InvalidWorldConfigException {
        String written = WRITER.write(READER.read(SampleWorld.text()));
        assertTrue(written.contains("\n  \"world\": {\n    \"id\": \"sample\",\n"), written);
        assertTrue(written.contains("\"scheduleuser\": [\n      \"world:api\"\n    ]"), written);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
