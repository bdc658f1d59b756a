package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.simulator.call.CallPlan;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/** The catalog API as an admin sees it, for tests of the whole system. */
final class CatalogAccess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String admin;

    /** As the admin the launcher generated for {@code system}. */
    CatalogAccess(CallrecSystem system) {
        this.baseUrl = system.catalogUrl();
        this.admin = "Basic " + Base64.getEncoder().encodeToString((system.admin().user() + ":"
                + system.admin().password()).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", admin).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    byte[] audio(String id) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/recordings/" + id + "/audio"))
                .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("audio/wav"));
        return response.body();
    }

    /** The call's one recording, once it satisfies {@code until}; fails after {@code within}. */
    JsonNode awaitRecording(CallPlan plan, Duration within, Predicate<JsonNode> until) {
        String query = "/api/v1/recordings?sessionId=" + URLEncoder.encode(plan.sessionId(), StandardCharsets.UTF_8)
                + "&device=" + URLEncoder.encode(plan.device(), StandardCharsets.UTF_8);
        return awaitItems(query, within, items -> items.size() == 1 && until.test(items.get(0))).get(0);
    }

    /**
     * The recordings of a session (for SIPREC, its Call-ID), once there is at least one and every one satisfies
     * {@code until}; fails after {@code within}.
     */
    JsonNode awaitSession(String sessionId, Duration within, Predicate<JsonNode> until) {
        String query = "/api/v1/recordings?sessionId=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
        return awaitItems(query, within, items -> !items.isEmpty()
                && StreamSupport.stream(items.spliterator(), false).allMatch(until));
    }

    private JsonNode awaitItems(String query, Duration within, Predicate<JsonNode> done) {
        return await().atMost(within).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> {
                    JsonNode items = get(query).path("items");
                    return done.test(items) ? items : null;
                }, Objects::nonNull);
    }
}
