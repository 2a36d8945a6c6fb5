package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a world-config file as strict JSON: a key may appear only once in an object, and
 * nothing may follow the document. What cannot be parsed is reported in one line saying where.
 */
final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // The file holds JWT secrets: a problem report must not quote the document back.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private StrictJson() {
    }

    static ConfigValue parse(InputStream json) throws IOException, InvalidWorldConfigException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return parse(parser);
        }
    }

    static ConfigValue parse(String json) throws InvalidWorldConfigException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return parse(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static ConfigValue parse(JsonParser parser) throws IOException, InvalidWorldConfigException {
        try {
            JsonNode document = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw invalidJson(parser.currentTokenLocation(), "content after the end of the document");
            }
            // Empty input has no tree at all; it is then simply not the object a config must be.
            return new ConfigValue(document == null ? MissingNode.getInstance() : document, JsonPath.ROOT);
        } catch (JsonProcessingException e) {
            throw isDuplicateKey(e)
                    ? InvalidWorldConfigException.at(JsonPath.of(parser.getParsingContext()), "duplicate key")
                    : invalidJson(e.getLocation(), oneLine(e.getOriginalMessage()));
        }
    }

    /** Jackson tells a duplicate key from other syntax errors only by its message. */
    private static boolean isDuplicateKey(JsonProcessingException e) {
        return e instanceof JsonParseException && e.getOriginalMessage().startsWith("Duplicate field ");
    }

    /** The location is where Jackson stopped reading: just past an unexpected character. */
    private static InvalidWorldConfigException invalidJson(JsonLocation location, String reason) {
        return new InvalidWorldConfigException(
                "invalid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + reason);
    }

    private static final Pattern SOURCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private static String oneLine(String text) {
        // Jackson names where an unclosed array or object began as "[Source: ...; line: L, column: C]".
        return SOURCE.matcher(text.lines().map(String::strip).collect(Collectors.joining(" "))).replaceAll("line $1, column $2");
    }
}
