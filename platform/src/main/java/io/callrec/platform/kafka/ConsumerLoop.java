package io.callrec.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * callrec's one Kafka consumer loop: a thread of its own, one {@link KafkaConsumer}, records handed to a
 * {@link RecordHandler} one by one or to a {@link PollHandler} a poll at a time. It never dies of an error and
 * never skips a record: a failure rewinds its partition to the failing record (or further back, where the
 * {@link CommitPolicy} says so), pauses it for a back-off that doubles with each failure in a row, and reads it
 * again; the other partitions go on meanwhile. Offsets are committed as far as the policy allows after a poll,
 * at most once a second (asynchronously; synchronously when partitions are handed over and at stop).
 * {@link #stop} wakes a blocked poll at once. A loop without a group ({@link ConsumerLoopSettings#withoutGroup})
 * assigns itself every partition of its topics once they exist, reads them from their beginning or end and
 * commits nothing.
 */
public final class ConsumerLoop {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    /** A dead member's partitions go to its replacement after 10 s, not Kafka's default 45 s. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /**
     * A busy loop polls many times a second, and each commit is a request the broker's group coordinator appends
     * to its log (33 a second at 1,000 calls when every poll committed): a loop commits once a second at most. A
     * crash replays up to this much more than the last poll handled.
     */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /**
     * A group member's heartbeat thread wakes every retry back-off between its heartbeats (Kafka's 100 ms: ten
     * wake-ups a second per loop, idle or not); a failed request is retried after it too.
     */
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);

    private final ConsumerLoopSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CommitPolicy policy;
    private final Dispatch dispatch;
    private final Map<TopicPartition, Long> pausedUntilNanos = new HashMap<>();
    private final Map<TopicPartition, Integer> failuresInARow = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;
    private long nextCommitNanos = System.nanoTime();

    /** How one poll's records reach the handler, and what the handler hears of the partitions' fate. */
    private interface Dispatch {
        void handle(ConsumerRecords<String, byte[]> records);

        void afterPoll();

        void forget(Collection<TopicPartition> partitions);
    }

    private ConsumerLoop(Map<String, Object> kafka, ConsumerLoopSettings settings, CommitPolicy policy,
                         Function<ConsumerLoop, Dispatch> dispatch) {
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(consumerProperties(kafka, settings), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.policy = policy;
        this.dispatch = dispatch.apply(this);
    }

    /**
     * A loop handing records one at a time to {@code handler}, committing as {@code policy} allows.
     *
     * @param kafka the broker's client properties ({@code bootstrap.servers} and the like)
     */
    public static ConsumerLoop eachRecord(Map<String, Object> kafka, ConsumerLoopSettings settings,
                                          RecordHandler handler, CommitPolicy policy) {
        return new ConsumerLoop(kafka, settings, policy, loop -> loop.new EachRecord(handler));
    }

    /** A loop handing each poll's records to {@code handler} together, committing them once it returned. */
    public static ConsumerLoop wholePolls(Map<String, Object> kafka, ConsumerLoopSettings settings,
                                          PollHandler handler) {
        return new ConsumerLoop(kafka, settings, CommitPolicy.handledRecords(), loop -> loop.new WholePoll(handler));
    }

    private static Map<String, Object> consumerProperties(Map<String, Object> kafka, ConsumerLoopSettings settings) {
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (settings.groupId().isPresent()) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId().get());
        } else {
            properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
            // Asking for partitions must not auto-create a topic with the broker's one partition before
            // TopicInitializer made it.
            properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        }
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                settings.start() == ConsumerLoopSettings.Start.END ? "latest" : "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes());
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.fetchMaxWait().toMillis());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        properties.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, (int) RETRY_BACKOFF.toMillis());
        settings.maxPollInterval().ifPresent(interval ->
                properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) interval.toMillis()));
        return properties;
    }

    /** Starts the loop's thread. */
    public void start() {
        Thread started = new Thread(this::run, settings.name());
        thread = started;
        started.start();
    }

    /**
     * Stops: wakes the poll, commits what the policy allows and leaves the group. Returns false when the thread
     * was still busy (a handler that did not return) after 15 s.
     */
    public boolean stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        consumer.wakeup();
        Thread started = thread;
        if (started == null) {
            consumer.close(Duration.ZERO);
            return true;
        }
        started.join(STOP_TIMEOUT.toMillis());
        return !started.isAlive();
    }

    private void run() {
        try {
            if (settings.groupId().isPresent()) {
                consumer.subscribe(settings.topics(), new Rebalance());
            } else {
                assignEveryPartition();
            }
            while (running) {
                resumeDuePartitions();
                ConsumerRecords<String, byte[]> records = poll();
                dispatch.handle(records);
                dispatch.afterPoll();
                commitWhenDue();
            }
        } catch (WakeupException | InterruptedException stopped) {
            LOG.debugf("%s: stopping", settings.name());
        } finally {
            commitQuietly();
            dispatch.forget(consumer.assignment());
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** Every partition of the loop's topics, from its start; waits (back-off) while Kafka has none of them yet. */
    private void assignEveryPartition() throws InterruptedException {
        while (running) {
            try {
                List<TopicPartition> partitions = settings.topics().stream()
                        .flatMap(topic -> consumer.partitionsFor(topic, settings.backoff()).stream())
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    if (settings.start() == ConsumerLoopSettings.Start.END) {
                        consumer.seekToEnd(partitions);
                    } else {
                        consumer.seekToBeginning(partitions);
                    }
                    partitions.forEach(consumer::position); // fixes the start now, not at the first poll
                    return;
                }
                LOG.debugf("%s: no partitions of %s yet", settings.name(), settings.topics());
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("%s: partitions not found, trying again in %s: %s", settings.name(), settings.backoff(),
                        e.getMessage());
            }
            stopping.await(settings.backoff().toMillis(), TimeUnit.MILLISECONDS); // stop() ends the wait
        }
    }

    /** The next records; none when Kafka failed (it is asked again after a back-off, the thread lives on). */
    private ConsumerRecords<String, byte[]> poll() throws InterruptedException {
        try {
            return consumer.poll(pollTimeout());
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("%s: polling failed, trying again in %s: %s", settings.name(), settings.backoff(),
                    e.getMessage());
            stopping.await(settings.backoff().toMillis(), TimeUnit.MILLISECONDS); // stop() ends the wait
            return ConsumerRecords.empty();
        }
    }

    /**
     * The settings' poll timeout, shorter when a paused partition is due back, or a commit held back by
     * {@link #COMMIT_INTERVAL} is due, before it ends.
     */
    private Duration pollTimeout() {
        long now = System.nanoTime();
        long until = pausedUntilNanos.values().stream().mapToLong(due -> due - now).min().orElse(Long.MAX_VALUE);
        if (!uncommitted().isEmpty()) {
            until = Math.min(until, nextCommitNanos - now);
        }
        until = Math.max(0, until);
        return until < settings.pollTimeout().toNanos() ? Duration.ofNanos(until) : settings.pollTimeout();
    }

    private void handled(ConsumerRecord<String, byte[]> record) {
        policy.handled(record);
        failuresInARow.remove(new TopicPartition(record.topic(), record.partition()));
    }

    /** A record, or the work after a poll, failed: the partition is read again after a back-off. */
    private void failed(TopicPartition partition, long failedOffset, Exception cause) {
        Duration pause = settings.backoffAfter(failuresInARow.merge(partition, 1, Integer::sum));
        logFailure(partition.toString(), failuresInARow.get(partition), cause, pause);
        rewind(partition, failedOffset, pause);
    }

    private void logFailure(String what, int failures, Exception cause, Duration pause) {
        if (failures == 1) {
            LOG.warnf(cause, "%s: %s failed (%s); reading it again in %s", settings.name(), what,
                    cause.getMessage(), pause);
        } else {
            // The trace once, not on every retry of an outage.
            LOG.warnf("%s: %s failed %d times in a row (%s); reading it again in %s", settings.name(), what,
                    failures, cause.getMessage(), pause);
        }
    }

    /**
     * Reads the partition again from {@code failedOffset} (or from where the policy may commit, when that is
     * earlier) after {@code pause}; its work in progress is forgotten.
     */
    private void rewind(TopicPartition partition, long failedOffset, Duration pause) {
        long seekTo = Math.min(policy.committable(partition).orElse(Long.MAX_VALUE), failedOffset);
        policy.forget(partition);
        dispatch.forget(List.of(partition));
        if (!consumer.assignment().contains(partition)) {
            return;
        }
        if (seekTo != Long.MAX_VALUE) {
            consumer.seek(partition, seekTo);
        }
        consumer.pause(List.of(partition));
        pausedUntilNanos.put(partition, System.nanoTime() + pause.toNanos());
    }

    private boolean waiting(TopicPartition partition) {
        return pausedUntilNanos.containsKey(partition);
    }

    private void resumeDuePartitions() {
        long now = System.nanoTime();
        pausedUntilNanos.entrySet().removeIf(e -> {
            if (e.getValue() - now <= 0) {
                consumer.resume(List.of(e.getKey()));
                return true;
            }
            return false;
        });
    }

    /** An asynchronous commit, unless the last one was sent less than {@link #COMMIT_INTERVAL} ago. */
    private void commitWhenDue() {
        long now = System.nanoTime();
        if (now - nextCommitNanos >= 0 && commit(false)) {
            nextCommitNanos = now + COMMIT_INTERVAL.toNanos();
        }
    }

    /** What the policy allows to commit beyond what was committed. */
    private Map<TopicPartition, OffsetAndMetadata> uncommitted() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        if (settings.groupId().isEmpty()) {
            return offsets; // nothing to commit to: a loop without a group starts afresh every time
        }
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong offset = policy.committable(partition);
            if (offset.isPresent() && !Long.valueOf(offset.getAsLong()).equals(lastCommitted.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(offset.getAsLong()));
            }
        }
        return offsets;
    }

    /** Commits what the policy allows and was not committed yet; false when there was nothing to commit. */
    private boolean commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted();
        if (offsets.isEmpty()) {
            return false;
        }
        if (sync) {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.warnf("%s: offset commit failed (it is retried with the next): %s", settings.name(),
                            error.getMessage());
                    done.keySet().forEach(lastCommitted::remove);
                }
            });
        }
        offsets.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
        return true;
    }

    /** A commit that must not stop what follows (a hand-over, the close): its failure only means a replay. */
    private void commitQuietly() {
        try {
            commit(true);
        } catch (RuntimeException e) {
            LOG.warnf("%s: offset commit failed (the records after the last commit are read again): %s",
                    settings.name(), e.getMessage());
        }
    }

    /** Records one at a time; a failure holds up only its own partition. */
    private final class EachRecord implements Dispatch, AssignedPartitions {
        private final RecordHandler handler;

        private EachRecord(RecordHandler handler) {
            this.handler = handler;
        }

        @Override
        public void handle(ConsumerRecords<String, byte[]> records) {
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (waiting(partition)) {
                    continue; // rewound in this poll: its records come again after the pause
                }
                try {
                    handler.handle(record);
                    handled(record);
                } catch (Exception e) {
                    ConsumerLoop.this.failed(partition, record.offset(), e);
                }
            }
        }

        @Override
        public void afterPoll() {
            try {
                handler.afterPoll(this);
            } catch (Exception e) {
                LOG.errorf(e, "%s: work after a poll failed; it is done again after the next", settings.name());
            }
        }

        @Override
        public void forget(Collection<TopicPartition> partitions) {
            handler.forget(partitions);
        }

        @Override
        public boolean caughtUp(TopicPartition partition) {
            if (waiting(partition)) {
                return false;
            }
            OptionalLong lag = consumer.currentLag(partition);
            return lag.isPresent() && lag.getAsLong() == 0;
        }

        @Override
        public void failed(TopicPartition partition, Exception cause) {
            ConsumerLoop.this.failed(partition, Long.MAX_VALUE, cause);
        }
    }

    /** All records of a poll together; a failure rewinds every partition of the poll. */
    private final class WholePoll implements Dispatch {
        private final PollHandler handler;

        private WholePoll(PollHandler handler) {
            this.handler = handler;
        }

        @Override
        public void handle(ConsumerRecords<String, byte[]> records) {
            if (records.isEmpty()) {
                return;
            }
            try {
                handler.handle(records);
                records.forEach(ConsumerLoop.this::handled);
            } catch (Exception e) {
                int failures = 0;
                for (TopicPartition partition : records.partitions()) {
                    failures = Math.max(failures, failuresInARow.merge(partition, 1, Integer::sum));
                }
                Duration pause = settings.backoffAfter(failures);
                logFailure("a poll of " + records.count() + " records", failures, e, pause);
                for (TopicPartition partition : records.partitions()) {
                    rewind(partition, records.records(partition).get(0).offset(), pause);
                }
            }
        }

        @Override
        public void afterPoll() {
        }

        @Override
        public void forget(Collection<TopicPartition> partitions) {
        }
    }

    /** On losing partitions: commit what the policy allows, forget their state (the new owner reads on). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitQuietly();
            dispatch.forget(partitions);
            for (TopicPartition partition : partitions) {
                policy.forget(partition);
                pausedUntilNanos.remove(partition);
                failuresInARow.remove(partition);
                lastCommitted.remove(partition);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Reading starts at the committed offset: exactly where the policy allowed.
        }
    }
}
