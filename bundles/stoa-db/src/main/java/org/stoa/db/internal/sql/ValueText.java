package org.stoa.db.internal.sql;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/** How one plain value (see {@link StatementResult}) is written, as text and as JSON. */
final class ValueText {

    private ValueText() {
    }

    /**
     * The value as {@code db:sql} prints it: {@code null}, {@code true}/{@code false}, exact
     * decimals ({@code 20.00}), ISO-8601 times with seconds always shown, bytea as
     * {@code \x0a1b}, arrays as PostgreSQL writes them ({@code {1,2,NULL}}).
     */
    static String plain(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> elements) {
            return arrayLiteral(elements);
        }
        return scalar(value);
    }

    /** The value as a JSON value: numbers and booleans bare, arrays as arrays, everything else a string. */
    static String json(Object value) {
        if (value == null || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Number number && isFinite(number)) {
            return scalar(value);
        }
        if (value instanceof List<?> elements) {
            return elements.stream().map(ValueText::json)
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return jsonString(scalar(value));
    }

    /** {@code text} as a JSON string literal. */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String scalar(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return floating((Number) value);
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }

    // Plain digits in the range people read without an exponent (as PostgreSQL does), Java's form beyond.
    private static String floating(Number number) {
        double d = number.doubleValue();
        if (!isFinite(number)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        if (d != 0 && (Math.abs(d) < 1e-4 || Math.abs(d) >= 1e15)) {
            return number.toString();
        }
        return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }

    private static boolean isFinite(Number number) {
        return !(number instanceof Double || number instanceof Float) || Double.isFinite(number.doubleValue());
    }

    private static String arrayLiteral(List<?> elements) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append(arrayElement(elements.get(i)));
        }
        return literal.append('}').toString();
    }

    private static String arrayElement(Object element) {
        if (element == null) {
            return "NULL";
        }
        if (element instanceof List<?> nested) {
            return arrayLiteral(nested);
        }
        String text = scalar(element);
        return needsQuotes(text) ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : text;
    }

    // The characters PostgreSQL's array output quotes, so that the literal reads back as the same array.
    private static boolean needsQuotes(String text) {
        return text.isEmpty() || text.equalsIgnoreCase("NULL")
                || text.chars().anyMatch(c -> "{},\"\\".indexOf(c) >= 0 || Character.isWhitespace(c));
    }
}
