package io.callrec.gateway.service.ingest;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.AllocationRequest;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The rtp-ingest instances (a static list, or the addresses of a headless Service's DNS name), each one's health
 * and load from its status, read every {@code status-interval}. Allocations go to the least loaded healthy
 * instance; one that fails is marked unhealthy (one that is only slow to answer is not) and the next is tried.
 *
 * <p>It also tells when an instance's recordings may be gone: {@link IngestRestarted} when a status comes from a
 * new process, {@link IngestLost} when no status came for {@code lost-after}. An instance that left the discovery
 * is still polled (its recordings keep their lease) until it has been silent that long.
 */
@ApplicationScoped
public class IngestDirectory {
    private static final Logger LOG = Logger.getLogger(IngestDirectory.class);

    private final Vertx vertx;
    private final GatewayConfig.Ingest config;
    private final IngestClient client;
    private final Event<IngestRestarted> restarts;
    private final Event<IngestLost> losses;
    private final Map<URI, IngestInstance> instances = new ConcurrentHashMap<>();

    public IngestDirectory(Vertx vertx, GatewayConfig config, IngestClient client, Event<IngestRestarted> restarts,
                           Event<IngestLost> losses) {
        this.vertx = vertx;
        this.config = config.ingest();
        this.client = client;
        this.restarts = restarts;
        this.losses = losses;
    }

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.statusInterval().toMillis(), id -> refresh());
    }

    /**
     * Opens a port for the stream on the least loaded instance that takes it.
     *
     * @param channelOf the recording and channel the stream is; null when it is the whole mono recording
     */
    public Uni<IngestAllocation> allocate(UUID recordingId, Codec codec, String phoneAddress, SourceLatch latch,
                                          long startedAtMillis, RecordingChannel channelOf) {
        List<IngestInstance> candidates = new ArrayList<>(instances.values().stream()
                .filter(IngestInstance::hasRoom).sorted(Comparator.comparingDouble(IngestInstance::load)).toList());
        return tryInOrder(candidates, 0, new AllocationRequest(recordingId, codec.name(), phoneAddress,
                startedAtMillis, null, latch, channelOf));
    }

    /** @param request without the gateway id, which the client adds */
    private Uni<IngestAllocation> tryInOrder(List<IngestInstance> candidates, int index, AllocationRequest request) {
        if (index >= candidates.size()) {
            return Uni.createFrom().failure(new NoIngestCapacityException(candidates.isEmpty()
                    ? "no healthy rtp-ingest instance with a free port" : "every rtp-ingest instance refused"));
        }
        IngestInstance instance = candidates.get(index);
        instance.pending.incrementAndGet();
        return client.allocate(instance.baseUrl, request)
                .onFailure().recoverWithUni(error -> {
                    instance.pending.decrementAndGet();
                    if (error instanceof NoIngestCapacityException) {
                        instance.freePorts = 0;
                    } else if (error instanceof TimeoutException) {
                        // Slow, not gone (a burst of starts queues up): the status poll tells whether it is down.
                        // Marking it unhealthy here would refuse every start until the next status.
                        LOG.warnf("rtp-ingest %s did not answer an allocation in time", instance.baseUrl);
                    } else {
                        instance.healthy = false;
                        LOG.warnf("rtp-ingest %s failed an allocation: %s", instance.baseUrl, error.getMessage());
                    }
                    return tryInOrder(candidates, index + 1, request);
                });
    }

    private void refresh() {
        discover().subscribe().with(urls -> {
            for (URI url : urls) {
                instances.computeIfAbsent(url, IngestInstance::new).discovered = true;
            }
            for (IngestInstance instance : instances.values()) {
                if (!urls.contains(instance.baseUrl)) {
                    instance.discovered = false;
                    if (instance.lastStatusNanos == 0 || instance.lostAnnounced) {
                        instances.remove(instance.baseUrl);
                        continue;
                    }
                }
                poll(instance);
            }
        }, error -> LOG.warnf("rtp-ingest discovery failed: %s", error.getMessage()));
    }

    private void poll(IngestInstance instance) {
        client.status(instance.baseUrl).subscribe().with(status -> {
            boolean wasHealthy = instance.healthy;
            String previousId = instance.update(status, System.nanoTime());
            if (!wasHealthy) {
                LOG.infof("rtp-ingest %s is available (%d free ports)", instance.baseUrl, status.freePorts());
            }
            if (previousId != null && !previousId.equals(status.instanceId())) {
                LOG.warnf("rtp-ingest %s restarted (instance %s, was %s)", instance.baseUrl, status.instanceId(),
                        previousId);
                restarts.fire(new IngestRestarted(instance.baseUrl, status.instanceId()));
            }
        }, error -> {
            if (instance.healthy) {
                LOG.warnf("rtp-ingest %s is unavailable: %s", instance.baseUrl, error.getMessage());
            }
            instance.healthy = false;
            Duration silence = instance.silentFor(System.nanoTime());
            if (!instance.lostAnnounced && silence.compareTo(config.lostAfter()) > 0) {
                instance.lostAnnounced = true;
                LOG.warnf("rtp-ingest %s has not answered for %d s: taken for lost, with this gateway's recordings"
                        + " on it", instance.baseUrl, silence.toSeconds());
                losses.fire(new IngestLost(instance.baseUrl));
            }
        });
    }

    private Uni<List<URI>> discover() {
        if (!"dns".equals(config.discovery())) {
            return Uni.createFrom().item(config.staticUrls().stream().map(URI::create).toList());
        }
        String name = config.dnsName().orElseThrow(() ->
                new IllegalStateException("callrec.gateway.ingest.dns-name is required for DNS discovery"));
        return Uni.createFrom().item(() -> {
            try {
                List<URI> urls = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(name)) {
                    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                            : address.getHostAddress();
                    urls.add(URI.create("http://" + host + ":" + config.port()));
                }
                return urls;
            } catch (java.net.UnknownHostException e) {
                return List.<URI>of();
            }
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }
}
