package io.callrec.simulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads recordings from callrec's catalog REST API ({@code /api/v1/recordings}). */
public final class CatalogClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI recordings;
    private final Optional<String> authorization;

    /**
     * @param baseUri  e.g. {@code http://127.0.0.1:8080}
     * @param user     for HTTP Basic authentication, or empty for none; an admin sees every
     *                 recording, a user only those of their extensions
     */
    public CatalogClient(URI baseUri, Optional<String> user, String password) {
        String base = baseUri.toString().replaceAll("/+$", "");
        this.recordings = URI.create(base + "/api/v1/recordings");
        this.authorization = user.map(name -> "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One page of the available recordings whose names or numbers contain {@code searchTerm} and that became
     * available at or after {@code storedSince} (whenever, if null), in the order they became available.
     */
    public List<CatalogRecording> availableRecordings(String searchTerm, Instant storedSince, int page, int size)
            throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", searchTerm);
        query.put("status", "available");
        if (storedSince != null) {
            query.put("storedSince", storedSince.toString());
        }
        query.put("sort", "storedAt,asc");
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return get(query);
    }

    /** The recordings of one phone session, whatever their status. */
    public List<CatalogRecording> recordingsOf(String sessionId, String device) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sessionId", sessionId);
        query.put("device", device);
        return get(query);
    }

    private List<CatalogRecording> get(Map<String, String> query) throws IOException, InterruptedException {
        URI uri = URI.create(recordings + "?" + query.entrySet().stream()
                .map(pair -> pair.getKey() + "=" + URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            // The JDK's client gives no message, not even "Connection refused".
            throw new IOException("cannot connect to the catalog at " + recordings.getAuthority(), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("catalog answered HTTP " + response.statusCode() + " to GET " + uri);
        }
        return parseItems(JSON.readTree(response.body()));
    }

    private static List<CatalogRecording> parseItems(JsonNode page) throws IOException {
        JsonNode items = page.path("items");
        if (!items.isArray()) {
            throw new IOException("catalog listing without an items array");
        }
        List<CatalogRecording> recordings = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            recordings.add(new CatalogRecording(item.path("id").asText(), item.path("sessionId").asText(),
                    item.path("device").asText(), item.path("status").asText(), instant(item, "storedAt"),
                    number(item, "durationMs"),
                    number(item, "packetsReceived"), number(item, "packetsLost"), number(item, "packetsDuplicate"),
                    item.path("stopReason").asText("")));
        }
        return recordings;
    }

    private static Instant instant(JsonNode item, String field) throws IOException {
        JsonNode value = item.path(field);
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IOException("catalog listing with " + field + " '" + value.asText() + "'", e);
        }
    }

    private static long number(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isNumber() ? value.asLong() : CatalogRecording.MISSING;
    }
}
