package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.stoa.worlds.internal.JsonForms;

/**
 * Writes a world config in the venueless file format that {@link WorldConfigReader} reads, with
 * keys in the order venueless files use. Every field the reader defaults is written out, so the
 * file shows its whole shape; only what the reader keeps as null is left out.
 */
public final class WorldConfigWriter {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public String write(WorldConfig world) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("world", worldSection(world));
        if (world.roles() != null) {
            root.set("roles", JsonForms.roles(world.roles()));
        }
        if (world.traitGrants() != null) {
            root.set("trait_grants", JsonForms.traitGrants(world.traitGrants()));
        }
        root.set("rooms", array(world.rooms(), WorldConfigWriter::room));
        root.set("exhibitors", array(world.exhibitors(), WorldConfigWriter::exhibitor));
        try {
            return MAPPER.writer(new ConfigPrettyPrinter()).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode worldSection(WorldConfig world) {
        ObjectNode section = MAPPER.createObjectNode();
        section.put("id", world.id());
        section.put("title", world.title());
        section.setAll(world.config());
        return section;
    }

    private static ObjectNode room(RoomConfig room) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", room.id());
        node.put("name", room.name());
        node.put("description", room.description());
        node.put("picture", room.picture());
        if (room.pretalxId() != null) {
            node.put("pretalx_id", room.pretalxId());
        }
        node.set("trait_grants", JsonForms.traitGrants(room.traitGrants()));
        node.set("modules", array(room.modules(), WorldConfigWriter::module));
        return node;
    }

    private static ObjectNode module(RoomModule module) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", module.type());
        node.set("config", module.config());
        return node;
    }

    private static ObjectNode exhibitor(ExhibitorConfig exhibitor) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", exhibitor.name());
        node.put("tagline", exhibitor.tagline());
        node.put("short_text", exhibitor.shortText());
        node.put("logo", exhibitor.logo());
        node.put("text", exhibitor.text());
        if (exhibitor.textContent() != null) {
            node.set("text_content", exhibitor.textContent());
        }
        node.put("size", exhibitor.size());
        node.put("room", exhibitor.room());
        node.set("links", array(exhibitor.links(), WorldConfigWriter::link));
        node.set("social_media_links", array(exhibitor.socialMediaLinks(), WorldConfigWriter::link));
        return node;
    }

    private static ObjectNode link(ExhibitorLink link) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("display_text", link.displayText());
        node.put("url", link.url());
        return node;
    }

    private static <T> ArrayNode array(List<T> values, Function<T, JsonNode> toNode) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(value -> array.add(toNode.apply(value)));
        return array;
    }

    /**
     * Lays the file out as hand-written venueless configs are: {@code "key": value}, and each
     * list element on its own line, so long permission lists stay readable.
     */
    private static final class ConfigPrettyPrinter extends DefaultPrettyPrinter {

        private static final long serialVersionUID = 1L;

        ConfigPrettyPrinter() {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        @Override
        public ConfigPrettyPrinter createInstance() {
            return new ConfigPrettyPrinter();
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
            generator.writeRaw(": ");
        }
    }
}
