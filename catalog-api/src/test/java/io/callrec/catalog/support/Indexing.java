package io.callrec.catalog.support;

import static org.awaitility.Awaitility.await;

import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the catalog has committed every event published so far. The catalog commits only after writing,
 * so once the group's offsets reach the end of both topics, every event is in the database.
 */
public final class Indexing {
    private static final String GROUP = "callrec-catalog";
    private static Admin admin;

    private Indexing() {
    }

    public static void awaitAllIndexed() {
        await().atMost(Duration.ofSeconds(30)).until(Indexing::caughtUp);
    }

    private static boolean caughtUp() throws Exception {
        Set<String> topics = Set.of(Topics.SESSIONS, Topics.RECORDINGS);
        List<TopicPartition> partitions = admin().describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
        Map<TopicPartition, Long> ends = admin().listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        return partitions.stream().allMatch(p -> ends.get(p) == 0
                || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p)));
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    CallrecStackTestResource.stack().kafkaBootstrapServers()));
        }
        return admin;
    }
}
