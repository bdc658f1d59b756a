package io.callrec.simulator.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for catalog-api's recording listing, on a real HTTP socket. It lists recordings in the order of their
 * {@code storedAt} (the time they were added, unless given), filtered by {@code storedSince}, as
 * {@code sort=storedAt,asc} does.
 */
final class FakeCatalog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Map<String, Object>> recordings = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;
    private volatile Runnable beforeFurtherPage = () -> { };

    FakeCatalog() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/recordings", this::list);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers 401 to requests without this Authorization header. */
    void requireAuthorization(String header) {
        requiredAuthorization = header;
    }

    /** Adds a recording stored now; {@code remoteName} is what the {@code q} filter searches. */
    void add(String id, String sessionId, String device, String status, long durationMs, long received, long lost,
             long duplicates, String stopReason, String remoteName) {
        add(id, sessionId, device, status, Instant.now(), durationMs, received, lost, duplicates, stopReason,
                remoteName);
    }

    /** Adds a recording stored at {@code storedAt}: a time before others' is one the catalog listed late. */
    void add(String id, String sessionId, String device, String status, Instant storedAt, long durationMs,
             long received, long lost, long duplicates, String stopReason, String remoteName) {
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("id", id);
        recording.put("sessionId", sessionId);
        recording.put("device", device);
        recording.put("status", status);
        recording.put("storedAt", storedAt.toString());
        recording.put("durationMs", durationMs);
        recording.put("packetsReceived", received);
        recording.put("packetsLost", lost);
        recording.put("packetsDuplicate", duplicates);
        recording.put("packetsLate", 0);
        recording.put("stopReason", stopReason);
        recording.put("remoteName", remoteName);
        recordings.add(recording);
    }

    /** Runs {@code action} before answering each request for a page after the first. */
    void beforeEveryFurtherPage(Runnable action) {
        beforeFurtherPage = action;
    }

    /** The query strings received, in order. */
    List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            String required = requiredAuthorization;
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            Map<String, String> params = params(query);
            int page = Integer.parseInt(params.getOrDefault("page", "0"));
            if (page > 0) {
                beforeFurtherPage.run();
            }
            Predicate<Map<String, Object>> matches = recording ->
                    matchesParam(params, "status", recording) && matchesParam(params, "sessionId", recording)
                            && matchesParam(params, "device", recording)
                            && (!params.containsKey("q") || ((String) recording.get("remoteName")).contains(params.get("q")))
                            && (!params.containsKey("storedSince")
                            || !storedAt(recording).isBefore(Instant.parse(params.get("storedSince"))));
            List<Map<String, Object>> found = recordings.stream().filter(matches)
                    .sorted(Comparator.comparing(FakeCatalog::storedAt)).toList();
            int size = Integer.parseInt(params.getOrDefault("size", "20"));
            List<Map<String, Object>> items = found.subList(Math.min(page * size, found.size()),
                    Math.min((page + 1) * size, found.size()));
            byte[] body = JSON.writeValueAsBytes(Map.of("items", items, "page", page, "size", size, "total", found.size()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Instant storedAt(Map<String, Object> recording) {
        return Instant.parse((String) recording.get("storedAt"));
    }

    private static boolean matchesParam(Map<String, String> params, String name, Map<String, Object> recording) {
        return !params.containsKey(name) || params.get(name).equals(recording.get(name));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            params.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
