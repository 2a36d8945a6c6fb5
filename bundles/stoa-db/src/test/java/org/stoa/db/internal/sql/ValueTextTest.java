package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueTextTest {

    static Stream<Arguments> values() {
        return Stream.of(
                // value, plain text, JSON
                Arguments.of(null, "null", "null"),
                Arguments.of(true, "true", "true"),
                Arguments.of(false, "false", "false"),
                Arguments.of(42, "42", "42"),
                Arguments.of(-9_000_000_000L, "-9000000000", "-9000000000"),
                Arguments.of((short) 7, "7", "7"),
                Arguments.of(new BigDecimal("20.00"), "20.00", "20.00"),
                Arguments.of(new BigDecimal("1E+3"), "1000", "1000"),
                Arguments.of(new BigDecimal("-0.000001"), "-0.000001", "-0.000001"),
                Arguments.of(new BigInteger("123456789012345678901234567890"),
                        "123456789012345678901234567890", "123456789012345678901234567890"),
                Arguments.of(1.5d, "1.5", "1.5"),
                Arguments.of(3.0d, "3", "3"),
                Arguments.of(0.1f, "0.1", "0.1"),
                Arguments.of(1e20d, "1.0E20", "1.0E20"),
                Arguments.of(1e-7d, "1.0E-7", "1.0E-7"),
                Arguments.of(Double.NaN, "NaN", "\"NaN\""),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity", "\"-Infinity\""),
                Arguments.of("alice@example.org", "alice@example.org", "\"alice@example.org\""),
                Arguments.of("", "", "\"\""),
                Arguments.of(LocalDateTime.of(2020, 5, 5, 0, 0), "2020-05-05T00:00:00", "\"2020-05-05T00:00:00\""),
                Arguments.of(LocalDateTime.of(2020, 5, 5, 12, 34, 56, 789_000_000),
                        "2020-05-05T12:34:56.789", "\"2020-05-05T12:34:56.789\""),
                Arguments.of(OffsetDateTime.of(2020, 5, 5, 0, 0, 0, 0, ZoneOffset.UTC),
                        "2020-05-05T00:00:00Z", "\"2020-05-05T00:00:00Z\""),
                Arguments.of(OffsetDateTime.of(2020, 5, 5, 9, 30, 0, 0, ZoneOffset.ofHours(2)),
                        "2020-05-05T09:30:00+02:00", "\"2020-05-05T09:30:00+02:00\""),
                Arguments.of(LocalDate.of(2020, 5, 5), "2020-05-05", "\"2020-05-05\""),
                Arguments.of(LocalTime.of(12, 0), "12:00:00", "\"12:00:00\""),
                Arguments.of(new byte[] {0, 15, (byte) 0xff}, "\\x000fff", "\"\\\\x000fff\""),
                Arguments.of(new byte[0], "\\x", "\"\\\\x\""),
                Arguments.of(Arrays.asList(1, 2, null), "{1,2,NULL}", "[1, 2, null]"),
                Arguments.of(List.of(), "{}", "[]"),
                Arguments.of(List.of("plain", "two words", "", "NULL", "q\"uote", "back\\slash", "a,b", "{x}"),
                        "{plain,\"two words\",\"\",\"NULL\",\"q\\\"uote\",\"back\\\\slash\",\"a,b\",\"{x}\"}",
                        "[\"plain\", \"two words\", \"\", \"NULL\", \"q\\\"uote\", \"back\\\\slash\", \"a,b\", \"{x}\"]"),
                Arguments.of(List.of(List.of(1, 2), List.of(3, 4)), "{{1,2},{3,4}}", "[[1, 2], [3, 4]]"),
                Arguments.of(List.of(true, false), "{true,false}", "[true, false]"),
                Arguments.of(List.of(LocalDate.of(2020, 5, 5)), "{2020-05-05}", "[\"2020-05-05\"]"),
                Arguments.of(List.of(new byte[] {1}), "{\"\\\\x01\"}", "[\"\\\\x01\"]"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("values")
    void valuesPrintAsText(Object value, String plain, String json) {
        assertEquals(plain, ValueText.plain(value));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("values")
    void valuesPrintAsJson(Object value, String plain, String json) {
        assertEquals(json, ValueText.json(value));
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f é \uD83D\uDE00\"",
                ValueText.jsonString("say \"hi\"\\\n\r\t\b\f\u0001\u001f é \uD83D\uDE00"));
    }

    @Test
    void jdbcTimestampsBecomeLocalDateTimes() {
        assertEquals(LocalDateTime.of(2020, 5, 5, 0, 0),
                RowReader.normalise(Timestamp.valueOf("2020-05-05 00:00:00")));
    }

    @Test
    void jdbcDatesAndTimesBecomeLocalDatesAndTimes() {
        assertEquals(LocalDate.of(2020, 5, 5), RowReader.normalise(Date.valueOf("2020-05-05")));
        assertEquals(LocalTime.of(13, 45), RowReader.normalise(Time.valueOf("13:45:00")));
    }

    @Test
    void jdbcArraysBecomeListsWithTheirElementsNormalised() {
        Object[][] grid = {{Timestamp.valueOf("2020-05-05 00:00:00"), null}, {1, "x"}};

        assertEquals(List.of(Arrays.asList(LocalDateTime.of(2020, 5, 5, 0, 0), null), List.of(1, "x")),
                RowReader.normalise(grid));
    }

    @Test
    void otherObjectsBecomeTheirText() {
        UUID id = UUID.fromString("6f1b2c3d-0000-4000-8000-000000000001");

        assertEquals("6f1b2c3d-0000-4000-8000-000000000001", RowReader.normalise(id));
    }
}
