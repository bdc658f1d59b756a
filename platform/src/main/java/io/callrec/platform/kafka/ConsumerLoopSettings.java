package io.callrec.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What tells one consumer loop from another: its thread's name, group, topics, how many records a poll brings,
 * how long a poll waits and how long a failed partition pauses. Everything else (no auto-commit, the session
 * timeout) is the same for every loop and lives in {@link ConsumerLoop}.
 *
 * @param name thread name, also in the loop's log lines
 * @param groupId the consumer group; empty for a loop that reads every partition itself and commits nothing
 *                (each replica hears everything)
 * @param start where a partition without a committed offset starts; a loop without a group starts every partition
 *              there
 * @param backoff pause after a partition's first failure in a row; it doubles with each further failure, up to
 *                {@code maxBackoff}
 * @param maxPollInterval how long a handler may take over one poll before Kafka hands its partitions over; empty
 *                        for Kafka's default (5 minutes)
 * @param fetchMinBytes the broker answers a fetch once it has this many bytes for the loop...
 * @param fetchMaxWait ...or once this long has passed
 */
public record ConsumerLoopSettings(String name, Optional<String> groupId, List<String> topics, Start start,
                                   int maxPollRecords, Duration pollTimeout, Duration backoff, Duration maxBackoff,
                                   Optional<Duration> maxPollInterval, int fetchMinBytes, Duration fetchMaxWait) {
    /** The longest pause is this many times the first: an outage is retried at least every few seconds. */
    private static final int MAX_BACKOFF_FACTOR = 4;
    /** A fetch is answered as soon as there is anything to read (Kafka's default)... */
    private static final int FETCH_MIN_BYTES = 1;
    /**
     * ...so the broker's wait delays nothing that arrives: it only sets how often an idle loop asks again. Each
     * empty fetch costs the broker and the loop CPU (at idle, the loops' empty fetches were most of the broker's
     * and of the transcoder's idle CPU); Kafka's 500 ms asked four times as often. A partition read again after a
     * failure waits for the fetch in flight: up to this long beyond its back-off.
     */
    private static final Duration FETCH_MAX_WAIT = Duration.ofSeconds(2);

    /** Where reading starts. */
    public enum Start {
        /** The oldest record the partition still holds. */
        BEGINNING,
        /** The next record written after the loop started. */
        END
    }

    /**
     * A loop in {@code groupId} (new partitions from their beginning): 500 records a poll, polls of 500 ms,
     * back-off from {@code backoff} to four times it.
     */
    public static ConsumerLoopSettings of(String name, String groupId, List<String> topics, Duration backoff) {
        return new ConsumerLoopSettings(name, Optional.of(groupId), List.copyOf(topics), Start.BEGINNING, 500,
                Duration.ofMillis(500), backoff, backoff.multipliedBy(MAX_BACKOFF_FACTOR), Optional.empty(),
                FETCH_MIN_BYTES, FETCH_MAX_WAIT);
    }

    /** A loop without a group that reads every partition of {@code topics} from {@code start}, committing nothing. */
    public static ConsumerLoopSettings withoutGroup(String name, List<String> topics, Start start, Duration backoff) {
        return new ConsumerLoopSettings(name, Optional.empty(), List.copyOf(topics), start, 500,
                Duration.ofMillis(500), backoff, backoff.multipliedBy(MAX_BACKOFF_FACTOR), Optional.empty(),
                FETCH_MIN_BYTES, FETCH_MAX_WAIT);
    }

    public ConsumerLoopSettings withMaxPollRecords(int records) {
        return new ConsumerLoopSettings(name, groupId, topics, start, records, pollTimeout, backoff, maxBackoff,
                maxPollInterval, fetchMinBytes, fetchMaxWait);
    }

    public ConsumerLoopSettings withPollTimeout(Duration timeout) {
        return new ConsumerLoopSettings(name, groupId, topics, start, maxPollRecords, timeout, backoff, maxBackoff,
                maxPollInterval, fetchMinBytes, fetchMaxWait);
    }

    public ConsumerLoopSettings withMaxPollInterval(Duration interval) {
        return new ConsumerLoopSettings(name, groupId, topics, start, maxPollRecords, pollTimeout, backoff,
                maxBackoff, Optional.of(interval), fetchMinBytes, fetchMaxWait);
    }

    /**
     * Fetches wait for {@code minBytes} (or {@code maxWait}): a busy loop takes fewer, larger polls, each costing a
     * fetch and a pass of the handler's after-poll work, in exchange for up to {@code maxWait} of delay.
     */
    public ConsumerLoopSettings withFetchBatching(int minBytes, Duration maxWait) {
        return new ConsumerLoopSettings(name, groupId, topics, start, maxPollRecords, pollTimeout, backoff, maxBackoff,
                maxPollInterval, minBytes, maxWait);
    }

    /** The pause after the {@code failuresInARow}-th failure in a row (1 for the first). */
    Duration backoffAfter(int failuresInARow) {
        Duration pause = backoff;
        for (int i = 1; i < failuresInARow && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) < 0 ? pause : maxBackoff;
    }
}
