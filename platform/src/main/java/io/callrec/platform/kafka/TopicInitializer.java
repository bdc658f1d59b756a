package io.callrec.platform.kafka;

import io.callrec.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates callrec's topics when they are missing, with their partition counts (so no broker auto-creates a
 * one-partition topic). Every service does it at start-up; the first one wins, the others find them there. It
 * retries in the background while Kafka is unreachable (readiness says so meanwhile).
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final int framesPartitions;
    private final Optional<Short> replicationFactor;
    private volatile boolean stopping;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            @ConfigProperty(name = "callrec.kafka.frames-partitions", defaultValue = "8")
                            int framesPartitions,
                            @ConfigProperty(name = "callrec.kafka.replication-factor") Optional<Short> replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.framesPartitions = framesPartitions;
        this.replicationFactor = replicationFactor;
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::createUntilDone, "kafka-topic-initializer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void createUntilDone() {
        while (!stopping) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.DEFAULT_PARTITIONS.entrySet().stream()
                        .filter(t -> !existing.contains(t.getKey()))
                        .map(t -> new NewTopic(t.getKey(), Optional.of(partitions(t.getKey(), t.getValue())),
                                replicationFactor).configs(Topics.configs(t.getKey())))
                        .toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                    LOG.infof("Created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
                }
                return;
            } catch (Exception e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                    return; // another service was quicker
                }
                LOG.warnf("Kafka topics not checked yet (%s); retrying in 5 s", e.getMessage());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private int partitions(String topic, int defaultCount) {
        return Topics.FRAMES.equals(topic) ? framesPartitions : defaultCount;
    }
}
