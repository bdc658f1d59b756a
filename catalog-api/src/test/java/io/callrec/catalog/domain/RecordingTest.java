package io.callrec.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.catalog.support.Events;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The merge rules, without Kafka or a database. */
class RecordingTest {
    private static final UUID ID = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final SessionEvent STARTED = Events.started(ID, "0C-38-3E-00-00-09", "1001", "Ann", "200",
            "Bob", "in", AT);
    private static final SessionEvent STOPPED = Events.stopped(ID, "socket-error", AT.plusSeconds(5));
    private static final RecordingEvent STORED = Events.stored(ID, "recordings/2025/01/01/x.wav", 999,
            AT.plusSeconds(6));
    private static final RecordingEvent FAILED = Events.failed(ID, "no audio", AT.plusSeconds(6));
    /** When the catalog writes the events. */
    private static final Instant INDEXED = AT.plusSeconds(60);

    private static Recording apply(Object... events) {
        Recording recording = Recording.fromNetwork(ID);
        for (Object event : events) {
            if (event instanceof SessionEvent session) {
                (SessionEvent.STARTED.equals(session.type()) ? (Consumer<SessionEvent>) recording::applyStarted
                        : (Consumer<SessionEvent>) recording::applyStopped).accept(session);
            } else if (event instanceof RecordingEvent outcome) {
                (RecordingEvent.STORED.equals(outcome.type())
                        ? (Consumer<RecordingEvent>) stored -> recording.applyStored(stored, INDEXED)
                        : (Consumer<RecordingEvent>) recording::applyFailed).accept(outcome);
            }
        }
        return recording;
    }

    @Test
    void statusFollowsTheEventsInOrder() {
        assertThat(apply(STARTED).status).isEqualTo(RecordingStatus.RECORDING);
        assertThat(apply(STARTED, STOPPED).status).isEqualTo(RecordingStatus.PROCESSING);
        assertThat(apply(STARTED, STOPPED, STORED).status).isEqualTo(RecordingStatus.AVAILABLE);
        assertThat(apply(STARTED, STOPPED, FAILED).status).isEqualTo(RecordingStatus.FAILED);
    }

    @Test
    void everyOrderOfTheSameEventsGivesTheSameRecording() {
        Recording expected = apply(STARTED, STOPPED, STORED);
        for (List<Object> order : List.of(List.<Object>of(STORED, STOPPED, STARTED), List.<Object>of(STOPPED,
                STORED, STARTED), List.<Object>of(STARTED, STORED, STOPPED, STARTED, STORED))) {
            Recording merged = apply(order.toArray());
            assertThat(merged).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void statusNeverMovesBack() {
        assertThat(apply(STORED, STOPPED).status).isEqualTo(RecordingStatus.AVAILABLE);
        assertThat(apply(STORED, FAILED).status).isEqualTo(RecordingStatus.AVAILABLE);
        assertThat(apply(FAILED, STOPPED, STARTED).status).isEqualTo(RecordingStatus.FAILED);
    }

    @Test
    void storedAtIsWhenTheCatalogFirstListedItAsAvailableNotTheEventsTime() {
        Recording recording = apply(STARTED, STOPPED, STORED);
        recording.applyStored(STORED, INDEXED.plusSeconds(30));
        assertThat(recording.storedAt).isEqualTo(INDEXED);
    }

    @Test
    void storedAfterAFailedAttemptMakesItAvailable() {
        Recording recording = apply(STARTED, FAILED, STORED);
        assertThat(recording.status).isEqualTo(RecordingStatus.AVAILABLE);
        assertThat(recording.failureReason).isNull();
    }

    @Test
    void deletedIsFinalForgetsNamesAndNumbersButKeepsTheKeyOfALateObject() {
        Recording recording = apply(STARTED, STOPPED);
        recording.markDeleted(AT.plusSeconds(10));
        recording.applyStored(STORED, INDEXED);
        recording.applyStarted(Events.started(ID, "x", "9", "Zed", "8", "Y", "out", AT));
        assertThat(recording.status).isEqualTo(RecordingStatus.DELETED);
        assertThat(recording.objectKey).isEqualTo(STORED.objectKey());
        assertThat(recording.sizeBytes).isNull();
        assertThat(recording.localName).isNull();
        assertThat(recording.remoteNumber).isNull();
        assertThat(recording.device).isNull();
    }

    @Test
    void sessionStopReasonWinsOverTheOneIngestSaw() {
        RecordingEvent timedOut = new RecordingEvent(RecordingEvent.STORED, ID, "k", 1, 1, 8000, 1, "PCMA", "s", 1, 0, 0,
                0, 0, "rtp-timeout", null, null, AT);
        assertThat(apply(timedOut).stopReason).isEqualTo("rtp-timeout");
        assertThat(apply(timedOut, STOPPED).stopReason).isEqualTo("socket-error");
        assertThat(apply(STOPPED, timedOut).stopReason).isEqualTo("socket-error");
    }

    @Test
    void deviceIsNormalisedAndNamesAreSearchable() {
        Recording recording = apply(STARTED);
        assertThat(recording.device).isEqualTo("0c:38:3e:00:00:09");
        assertThat(recording.searchText).isEqualTo(SearchText.of("1001", "Ann", "200", "Bob"));
    }
}
