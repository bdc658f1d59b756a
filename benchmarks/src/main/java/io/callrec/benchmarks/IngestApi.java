package io.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Codec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * rtp-ingest's internal API, as the control-gateway calls it: allocate a UDP port per recording, end recordings.
 * Requests go out a few at a time, so that thousands of sessions are set up in seconds.
 */
final class IngestApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int IN_FLIGHT = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String sessions;
    private final String authorization;

    IngestApi(String baseUrl, String internalToken) {
        this.sessions = baseUrl + "/internal/sessions";
        this.authorization = "Bearer " + internalToken;
    }

    /** Allocates a port for each recording, sent from 127.0.0.1; returns where to send each one's RTP. */
    List<InetSocketAddress> allocate(List<UUID> recordings, List<Codec> codecs)
            throws IOException, InterruptedException {
        List<HttpRequest> requests = new ArrayList<>(recordings.size());
        for (int i = 0; i < recordings.size(); i++) {
            byte[] body = JSON.writeValueAsBytes(Map.of("recordingId", recordings.get(i).toString(),
                    "codec", codecs.get(i).name(), "sourceIp", "127.0.0.1",
                    "startedAtMillis", System.currentTimeMillis()));
            requests.add(HttpRequest.newBuilder(URI.create(sessions)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        }
        List<InetSocketAddress> targets = new ArrayList<>(recordings.size());
        for (String answer : sendAll(requests)) {
            JsonNode allocation = JSON.readTree(answer);
            targets.add(new InetSocketAddress(allocation.path("host").asText(), allocation.path("port").asInt()));
        }
        return targets;
    }

    /** Ends each recording with reason {@code normal}: rtp-ingest sends its end-of-stream batch. */
    void end(List<UUID> recordings) throws IOException, InterruptedException {
        List<HttpRequest> requests = new ArrayList<>(recordings.size());
        for (UUID recording : recordings) {
            requests.add(HttpRequest.newBuilder(URI.create(sessions + "/" + recording + "?reason=normal"))
                    .timeout(TIMEOUT).header("Authorization", authorization).DELETE().build());
        }
        sendAll(requests);
    }

    /** Sends every request, {@link #IN_FLIGHT} at a time; the bodies of the answers in request order. */
    private List<String> sendAll(List<HttpRequest> requests) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> answers = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            slots.acquire();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> slots.release())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new CompletionException(new IOException(request.method() + " " + request.uri()
                                    + " answered HTTP " + response.statusCode() + ": " + response.body()));
                        }
                        return response.body();
                    }));
        }
        List<String> bodies = new ArrayList<>(answers.size());
        try {
            for (CompletableFuture<String> answer : answers) {
                bodies.add(answer.join());
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return bodies;
    }
}
