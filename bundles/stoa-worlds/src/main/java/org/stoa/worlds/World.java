package org.stoa.worlds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stoa.tokens.JwtSecret;

/**
 * An event world. {@code config} is the free-form world configuration (it holds
 * {@code JWT_secrets}, {@code connection_limit}, profile fields, ...); {@code domain} may be
 * null for a world imported from a config file that never got one.
 */
public record World(String id, String title, String domain, ObjectNode config,
        Map<String, List<String>> roles, Map<String, TraitRule> traitGrants,
        String locale, String timezone, List<String> featureFlags) {

    /** Where attendees reach the world: {@code https://<domain>}, or empty without a domain. */
    public String url() {
        return domain == null || domain.isEmpty() ? "" : "https://" + domain;
    }

    /** The world's {@code JWT_secrets}, in order: tokens are signed with the first. */
    public List<JwtSecret> secrets() {
        List<JwtSecret> secrets = new ArrayList<>();
        JsonNode list = config.path("JWT_secrets");
        for (JsonNode s : list) {
            secrets.add(new JwtSecret(s.path("issuer").asText(), s.path("audience").asText(), s.path("secret").asText()));
        }
        return secrets;
    }

    /** How many sockets one user may hold at once; 0 means no limit. */
    public int connectionLimit() {
        return config.path("connection_limit").asInt(0);
    }
}
