package org.stoa.payments.rest;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stoa.payments.Dollars;
import org.stoa.rest.JsonBodies;
import org.stoa.payments.PaymentException;

/**
 * Reading the fields of a provider's event body, once its signature is checked: with the
 * mapping every Stoa application reads bodies with.
 */
final class EventJson {

    static final ObjectMapper MAPPER = JsonBodies.MAPPER;
    private static final int MAX_ID = 255;

    private EventJson() {
    }

    static JsonNode parse(byte[] body, String provider) throws WebhookRefused {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw new WebhookRefused("not a " + provider + " event: the body is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new WebhookRefused("not a " + provider + " event: the body is not JSON");
        }
    }

    /** A required id-like text field (1 to 255 characters). */
    static String id(JsonNode node, String field, String provider) throws WebhookRefused {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_ID) {
            throw new WebhookRefused("not a " + provider + " event: no " + field);
        }
        return value.asText();
    }

    /** The first of the fields that holds text, or null. */
    static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return candidate.asText();
            }
        }
        return null;
    }

    /** Dollars written as a number or a string, at most two decimals; null when absent or not an amount. */
    static BigDecimal dollars(JsonNode value) {
        if (!value.isNumber() && !value.isTextual()) {
            return null;
        }
        try {
            return Dollars.parse(value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
        } catch (PaymentException e) {
            return null;
        }
    }
}
