package io.callrec.gateway.ingest;

import io.callrec.contracts.Codec;
import io.callrec.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The rtp-ingest instances (a static list, or the addresses of a headless Service's DNS name), each one's health
 * and load from its status, read every {@code status-interval}. Allocations go to the least loaded healthy
 * instance; one that fails is marked unhealthy and the next is tried.
 */
@ApplicationScoped
public class IngestDirectory {
    private static final Logger LOG = Logger.getLogger(IngestDirectory.class);

    private final Vertx vertx;
    private final GatewayConfig.Ingest config;
    private final IngestClient client;
    private final Map<URI, IngestInstance> instances = new ConcurrentHashMap<>();

    public IngestDirectory(Vertx vertx, GatewayConfig config, IngestClient client) {
        this.vertx = vertx;
        this.config = config.ingest();
        this.client = client;
    }

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.statusInterval().toMillis(), id -> refresh());
    }

    /** Opens a port for the recording on the least loaded instance that takes it. */
    public Uni<IngestAllocation> allocate(UUID recordingId, Codec codec, String phoneAddress, long startedAtMillis) {
        List<IngestInstance> candidates = new ArrayList<>(instances.values().stream()
                .filter(IngestInstance::hasRoom).sorted(Comparator.comparingDouble(IngestInstance::load)).toList());
        return tryInOrder(candidates, 0, recordingId, codec, phoneAddress, startedAtMillis);
    }

    private Uni<IngestAllocation> tryInOrder(List<IngestInstance> candidates, int index, UUID recordingId,
                                             Codec codec, String phoneAddress, long startedAtMillis) {
        if (index >= candidates.size()) {
            return Uni.createFrom().failure(new NoIngestCapacityException(candidates.isEmpty()
                    ? "no healthy rtp-ingest instance with a free port" : "every rtp-ingest instance refused"));
        }
        IngestInstance instance = candidates.get(index);
        instance.pending.incrementAndGet();
        return client.allocate(instance.baseUrl, recordingId, codec, phoneAddress, startedAtMillis)
                .onFailure().recoverWithUni(error -> {
                    instance.pending.decrementAndGet();
                    if (!(error instanceof NoIngestCapacityException)) {
                        instance.healthy = false;
                        LOG.warnf("rtp-ingest %s failed an allocation: %s", instance.baseUrl, error.getMessage());
                    } else {
                        instance.freePorts = 0;
                    }
                    return tryInOrder(candidates, index + 1, recordingId, codec, phoneAddress, startedAtMillis);
                });
    }

    private void refresh() {
        discover().subscribe().with(urls -> {
            instances.keySet().retainAll(urls);
            for (URI url : urls) {
                IngestInstance instance = instances.computeIfAbsent(url, IngestInstance::new);
                client.status(url).subscribe().with(status -> {
                    instance.activeSessions = status.activeSessions();
                    instance.freePorts = status.freePorts();
                    instance.capacity = status.capacity();
                    instance.pending.set(0);
                    if (!instance.healthy) {
                        LOG.infof("rtp-ingest %s is available (%d free ports)", url, instance.freePorts);
                    }
                    instance.healthy = true;
                }, error -> {
                    if (instance.healthy) {
                        LOG.warnf("rtp-ingest %s is unavailable: %s", url, error.getMessage());
                    }
                    instance.healthy = false;
                });
            }
        }, error -> LOG.warnf("rtp-ingest discovery failed: %s", error.getMessage()));
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
