package org.stoa.vm.hub.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stoa.vm.hub.HubException;

/**
 * Talks to one spoke's {@code /spoke/} API with that spoke's token. Every failure — down,
 * slow, an error status, an answer that is not JSON — is a {@link HubException} naming the spoke.
 */
final class SpokeClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUICK = Duration.ofSeconds(10);
    /** A create copies a disk and boots a domain. */
    private static final Duration CREATE = Duration.ofMinutes(3);

    private final HttpClient http;
    private final String hostId;
    private final String baseUrl;
    private final String token;
    private final Duration quick;

    SpokeClient(String hostId, String baseUrl, String token) {
        this(hostId, baseUrl, token, QUICK);
    }

    /** {@code quick}: how long an immediate operation may take before the spoke counts as not answering. */
    SpokeClient(String hostId, String baseUrl, String token, Duration quick) {
        this.hostId = hostId;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.quick = quick;
        this.http = HttpClient.newBuilder().connectTimeout(quick).build();
    }

    JsonNode heartbeat() throws HubException {
        return call("POST", "/spoke/heartbeat", "{}", quick);
    }

    JsonNode list() throws HubException {
        return call("GET", "/spoke/vms", null, quick);
    }

    /** The VM's status, or null when the spoke has no such VM. */
    JsonNode get(String vmId) throws HubException {
        return call("GET", "/spoke/vms/" + vmId, null, quick);
    }

    JsonNode act(String vmId, String action) throws HubException {
        return call("POST", "/spoke/vms/" + vmId + "/" + action, "{}", quick);
    }

    void destroy(String vmId) throws HubException {
        call("DELETE", "/spoke/vms/" + vmId, null, CREATE);
    }

    /** Whether a VM of this much memory fits on the spoke now. */
    boolean fits(int memoryMb) throws HubException {
        return call("POST", "/spoke/capacity", JSON.createObjectNode().put("memory_mb", memoryMb).toString(), quick)
                .path("fits").asBoolean();
    }

    JsonNode offerCreate(String request) throws HubException {
        return call("POST", "/spoke/create", request, CREATE);
    }

    private JsonNode call(String method, String path, String body, Duration timeout) throws HubException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new HubException("spoke " + hostId + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new HubException("spoke " + hostId + " is unreachable at " + baseUrl + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while waiting for spoke " + hostId);
        }
        // A VM the spoke does not have: nothing to show, and nothing left to destroy.
        if (response.statusCode() == 404 && !method.equals("POST") && path.startsWith("/spoke/vms/")) {
            return null;
        }
        if (response.statusCode() == 204) {
            return JSON.createObjectNode();
        }
        JsonNode json = parse(response);
        if (response.statusCode() != 200) {
            throw new HubException("spoke " + hostId + " refused " + path + " (" + response.statusCode() + "): "
                    + json.path("error").asText("no reason given"));
        }
        return json;
    }

    private JsonNode parse(HttpResponse<String> response) throws HubException {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // reported below like any other answer that is not a JSON object
        }
        throw new HubException("spoke " + hostId + " answered with something that is not JSON (HTTP "
                + response.statusCode() + ")");
    }
}
