package org.stoa.vm.spoke.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Asks the hub for an operation's claim: {@code POST <hub>/hub/operations/<id>/claim}. */
final class HubClaims {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SpokeSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HubClaims(SpokeSettings settings) {
        this.settings = settings;
    }

    /** Whether the hub granted this spoke the operation; any failure to ask counts as no. */
    boolean claim(long operation) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.hubUrl() + "/hub/operations/" + operation + "/claim"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().createObjectNode()
                        .put("host", settings.hostId()).toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && new ObjectMapper().readTree(response.body()).path("claimed").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
