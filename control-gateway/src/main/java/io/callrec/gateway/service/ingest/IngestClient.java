package io.callrec.gateway.service.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.ingest.Allocation;
import io.callrec.contracts.ingest.AllocationRequest;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.IngestStatus;
import io.callrec.contracts.ingest.PresenceCheck;
import io.callrec.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The internal HTTP API of rtp-ingest (the {@code io.callrec.contracts.ingest} records), spoken as this gateway
 * process. Its id, new at every start, goes with each allocation and each status poll: the poll renews the
 * lease that keeps this gateway's recordings open at the ingest. Every call carries the shared secret
 * {@code callrec.ingest.internal-token} (the ingest's key of the same name) as a bearer token.
 */
@ApplicationScoped
public class IngestClient {
    private static final Logger LOG = Logger.getLogger(IngestClient.class);

    private final HttpClient http;
    /**
     * Status reads have connections of their own: in a burst of starts, allocations wait for one of the 64
     * connections, and a status read waiting behind them would time out and make a live instance look dead.
     */
    private final HttpClient statusHttp;
    private final ObjectMapper json;
    private final long timeoutMillis;
    private final String gatewayId = UUID.randomUUID().toString();
    private final Optional<String> authorization;

    public IngestClient(Vertx vertx, ObjectMapper json, GatewayConfig config,
                        @ConfigProperty(name = "callrec.ingest.internal-token") Optional<String> internalToken) {
        this.json = json;
        this.authorization = internalToken.filter(token -> !token.isBlank()).map(token -> "Bearer " + token);
        this.timeoutMillis = config.ingest().requestTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis).setMaxPoolSize(64).setKeepAlive(true));
        this.statusHttp = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis).setMaxPoolSize(2).setKeepAlive(true));
        LOG.infof("Gateway id %s (rtp-ingest keeps this process's recordings open while it polls)", gatewayId);
    }

    /** Reads the instance's load and renews this gateway's lease there. */
    Uni<IngestStatus> status(URI ingest) {
        return call(statusHttp, ingest, HttpMethod.GET, "/internal/status?gatewayId=" + gatewayId, null,
                IngestStatus.class);
    }

    /** Allocates as this gateway: the request's gateway id is ours. */
    Uni<IngestAllocation> allocate(URI ingest, AllocationRequest request) {
        AllocationRequest ours = new AllocationRequest(request.recordingId(), request.codec(), request.sourceIp(),
                request.startedAtMillis(), gatewayId, request.latch(), request.channelOf());
        return call(http, ingest, HttpMethod.POST, "/internal/sessions", ours, Allocation.class)
                .map(allocation -> new IngestAllocation(ingest, allocation.host(), allocation.port()));
    }

    /** Ends the recording once its stream is drained; the answer says how it actually ended. */
    public Uni<Ending> end(URI ingest, UUID recordingId, String reason) {
        String path = "/internal/sessions/" + recordingId + "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        return call(http, ingest, HttpMethod.DELETE, path, null, Ending.class);
    }

    /** Keeps ({@code on}) or drops what the recording's port receives from now on (SIPREC Record on/off). */
    public Uni<Void> capture(URI ingest, UUID recordingId, boolean on) {
        return call(http, ingest, HttpMethod.PUT, "/internal/sessions/" + recordingId + "/capture?on=" + on, null,
                Void.class);
    }

    /**
     * Holds ({@code on}) or releases the stream: while held its client sends nothing on purpose (a SIPREC hold), so
     * the ingest's RTP timeout does not end it.
     */
    public Uni<Void> hold(URI ingest, UUID streamId, boolean on) {
        return call(http, ingest, HttpMethod.PUT, "/internal/sessions/" + streamId + "/hold?on=" + on, null,
                Void.class);
    }

    /** Which of these recordings the instance does not hold (after it restarted). */
    public Uni<List<UUID>> missing(URI ingest, List<UUID> recordingIds) {
        return call(http, ingest, HttpMethod.POST, "/internal/sessions/presence", new PresenceCheck(recordingIds),
                PresenceCheck.class).map(PresenceCheck::recordingIds);
    }

    private <T> Uni<T> call(HttpClient client, URI ingest, HttpMethod method, String path, Object body,
                            Class<T> answerType) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(ingest.getHost())
                .setPort(ingest.getPort()).setURI(path).setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        authorization.ifPresent(value -> options.putHeader("Authorization", value));
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(encode(body)))
                .compose(response -> response.body().map(buffer -> {
                    if (response.statusCode() == 503) {
                        throw new NoIngestCapacityException("ingest " + ingest + " has no free port");
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("ingest " + ingest + " answered " + response.statusCode()
                                + ": " + buffer);
                    }
                    return answerType == Void.class ? null : decode(buffer, answerType);
                }))
                .toCompletionStage());
    }

    private Buffer encode(Object body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T decode(Buffer buffer, Class<T> type) {
        try {
            return json.readValue(buffer.getBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
