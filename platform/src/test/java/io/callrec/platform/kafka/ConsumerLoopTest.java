package io.callrec.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.stack.KafkaServer;
import io.callrec.stack.StackSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {
    private static final Duration BACKOFF = Duration.ofMillis(300);

    private static KafkaServer kafka;
    private static Admin admin;

    private final List<ConsumerLoop> started = new ArrayList<>();
    private String topic;
    private String group;

    @BeforeAll
    static void startKafka() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-");
        kafka = KafkaServer.start(dir, 0, StackSettings.LOOPBACK, StackSettings.LOOPBACK);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        kafka.close();
    }

    @BeforeEach
    void newTopic() throws Exception {
        topic = "loop-" + UUID.randomUUID();
        group = "group-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    @AfterEach
    void stopLoops() throws Exception {
        for (ConsumerLoop loop : started) {
            loop.stop();
        }
    }

    @Test
    void aFailingRecordIsReadAgainAfterAGrowingBackOffAndNothingIsSkipped() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        List<Long> attemptsAtFour = Collections.synchronizedList(new ArrayList<>());
        RecordHandler handler = record -> {
            String value = text(record);
            if (value.equals("4")) {
                attemptsAtFour.add(System.nanoTime());
                if (attemptsAtFour.size() <= 2) {
                    throw new IllegalStateException("not yet");
                }
            }
            handled.add(value);
        };
        // A long poll: the paused partition comes back when its back-off ends, not when the poll would.
        start(ConsumerLoop.eachRecord(kafkaProperties(), settings().withPollTimeout(Duration.ofMinutes(1)), handler,
                CommitPolicy.handledRecords()));
        send(10);

        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 10);
        assertThat(handled).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(attemptsAtFour).hasSize(3);
        assertThat(Duration.ofNanos(attemptsAtFour.get(1) - attemptsAtFour.get(0))).isGreaterThanOrEqualTo(BACKOFF);
        assertThat(Duration.ofNanos(attemptsAtFour.get(2) - attemptsAtFour.get(1)))
                .isGreaterThanOrEqualTo(BACKOFF.multipliedBy(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 10);
    }

    @Test
    void aPollWhoseHandlerFailedIsHandedOverWholeAgain() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        send(5);
        PollHandler handler = records -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("database away");
            }
            records.forEach(record -> handled.add(text(record)));
        };
        start(ConsumerLoop.wholePolls(kafkaProperties(), settings(), handler));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 5);
        assertThat(failedOnce).isTrue();
        assertThat(handled).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void stopWakesABlockedPollAtOnce() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop loop = ConsumerLoop.eachRecord(kafkaProperties(),
                settings().withPollTimeout(Duration.ofMinutes(5)), record -> handled.add(text(record)),
                CommitPolicy.handledRecords());
        loop.start();
        send(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1); // now in a five-minute poll

        long before = System.nanoTime();
        assertThat(loop.stop()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRecordHandledSoonAfterACommitIsCommittedWithoutWaitingForTheNextRecord() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        // A long poll: a commit held back to once a second must not wait for it to end.
        start(ConsumerLoop.eachRecord(kafkaProperties(), settings().withPollTimeout(Duration.ofMinutes(1)),
                record -> handled.add(text(record)), CommitPolicy.handledRecords()));
        send(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 1);

        send(1); // within a second of that commit, as a rule
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 2);
        assertThat(handled).hasSize(2);
    }

    @Test
    void theCommitPolicyHoldsCommitsBackAndTheNextConsumerReadsFromThere() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop first = ConsumerLoop.eachRecord(kafkaProperties(), settings(),
                record -> handled.add(text(record)), new HoldingBackAt(3));
        first.start();
        send(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 10);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> committed() == 3);
        assertThat(first.stop()).isTrue();
        assertThat(committed()).isEqualTo(3);

        handled.clear();
        start(ConsumerLoop.eachRecord(kafkaProperties(), settings(), record -> handled.add(text(record)),
                CommitPolicy.handledRecords()));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 7);
        assertThat(handled).containsExactly("3", "4", "5", "6", "7", "8", "9");
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 10);
    }

    /** Like a record at {@code offset} that stays open: nothing from there on is committed. */
    private static final class HoldingBackAt implements CommitPolicy {
        private final CommitPolicy handled = CommitPolicy.handledRecords();
        private final long offset;

        private HoldingBackAt(long offset) {
            this.offset = offset;
        }

        @Override
        public void handled(ConsumerRecord<String, byte[]> record) {
            handled.handled(record);
        }

        @Override
        public OptionalLong committable(TopicPartition partition) {
            OptionalLong next = handled.committable(partition);
            return next.isPresent() ? OptionalLong.of(Math.min(next.getAsLong(), offset)) : next;
        }

        @Override
        public void forget(TopicPartition partition) {
            handled.forget(partition);
        }
    }

    private void start(ConsumerLoop loop) {
        started.add(loop);
        loop.start();
    }

    private ConsumerLoopSettings settings() {
        return ConsumerLoopSettings.of("test-loop", group, List.of(topic), BACKOFF);
    }

    private static Map<String, Object> kafkaProperties() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    private void send(int count) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key", String.valueOf(i).getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    private long committed() throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0));
        return offset == null ? -1 : offset.offset();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
