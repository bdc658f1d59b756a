package io.callrec.gateway.ingest;

import io.callrec.contracts.Codec;
import io.callrec.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The internal HTTP API of rtp-ingest, as DESIGN.md defines it. */
@ApplicationScoped
public class IngestClient {
    private final HttpClient http;
    private final long timeoutMillis;

    public IngestClient(Vertx vertx, GatewayConfig config) {
        this.timeoutMillis = config.ingest().requestTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis).setMaxPoolSize(64).setKeepAlive(true));
    }

    /** {@code {host, activeSessions, freePorts, capacity}}. */
    Uni<JsonObject> status(URI ingest) {
        return call(ingest, HttpMethod.GET, "/internal/status", null);
    }

    Uni<IngestAllocation> allocate(URI ingest, UUID recordingId, Codec codec, String phoneAddress,
                                   long startedAtMillis) {
        JsonObject body = new JsonObject().put("recordingId", recordingId.toString()).put("codec", codec.name())
                .put("sourceIp", phoneAddress).put("startedAtMillis", startedAtMillis);
        return call(ingest, HttpMethod.POST, "/internal/sessions", body)
                .map(answer -> new IngestAllocation(ingest, answer.getString("host"), answer.getInteger("port")));
    }

    /** Ends the recording; the answer's {@code reason} is how it actually ended (empty when it had already). */
    public Uni<String> end(URI ingest, UUID recordingId, String reason) {
        String path = "/internal/sessions/" + recordingId + "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        return call(ingest, HttpMethod.DELETE, path, null).map(answer -> answer.getString("reason", ""));
    }

    private Uni<JsonObject> call(URI ingest, HttpMethod method, String path, JsonObject body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(ingest.getHost())
                .setPort(ingest.getPort()).setURI(path).setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        return Uni.createFrom().completionStage(() -> http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
                .compose(response -> response.body().map(buffer -> {
                    if (response.statusCode() == 503) {
                        throw new NoIngestCapacityException("ingest " + ingest + " has no free port");
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("ingest " + ingest + " answered " + response.statusCode()
                                + ": " + buffer);
                    }
                    return buffer.toJsonObject();
                }))
                .toCompletionStage());
    }
}
