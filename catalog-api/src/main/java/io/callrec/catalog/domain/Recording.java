package io.callrec.catalog.domain;

import io.callrec.contracts.DeviceId;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One recording in the catalog, merged from its session and recording events in whatever order they come.
 * The merge rules live here, free of I/O: every event may arrive twice or late, so each rule is idempotent and
 * never moves the status back.
 */
@Entity
@Table(name = "recording")
public class Recording extends PanacheEntityBase {
    /** Recordings made from a phone's network stream; imports are {@code usb} or {@code pcap}. */
    public static final String SOURCE_NETWORK = "network";

    @Id
    public UUID id;
    public String sessionId;
    public String device;
    public String sourceIp;
    /** The rtp-ingest the phone streams to; null for imports. */
    public String ingestHost;
    public String localNumber;
    public String localName;
    public String remoteNumber;
    public String remoteName;
    public String direction;
    public String codec;
    public String source;
    public String owner;
    public UUID importId;
    public RecordingStatus status;
    public String stopReason;
    public String failureReason;
    public String warning;
    public Instant startedAt;
    public Instant stoppedAt;
    public Instant storedAt;
    public Instant deletedAt;
    public Long durationMs;
    public Integer sampleRate;
    public Integer channels;
    public Long sizeBytes;
    public String sha256;
    public String objectKey;
    @Column(name = "protected")
    public boolean protectedFromDeletion;
    /** Set and lifted by admins only; blocks deletion and retention like the protection. */
    public boolean legalHold;
    public Long packetsReceived;
    public Long packetsLost;
    public Long packetsDuplicate;
    public Long packetsLate;
    public Long concealedMs;
    /** Every name and number as {@link SearchText} writes them: what {@code q} searches. */
    public String searchText;

    /** A row for a recording the catalog first hears of through an event. */
    public static Recording fromNetwork(UUID id) {
        Recording recording = new Recording();
        recording.id = id;
        recording.source = SOURCE_NETWORK;
        recording.status = RecordingStatus.RECORDING;
        return recording;
    }

    /** A row for an uploaded file, waiting for the transcoder. */
    public static Recording imported(UUID id, String kind, UUID importId, String owner, Instant startedAt) {
        Recording recording = new Recording();
        recording.id = id;
        recording.source = kind;
        recording.importId = importId;
        recording.owner = owner;
        recording.startedAt = startedAt;
        recording.status = RecordingStatus.PROCESSING;
        return recording;
    }

    /** The phone's metadata; the status stays where it is (a stored event may have come first). */
    public void applyStarted(SessionEvent event) {
        if (status == RecordingStatus.DELETED) {
            return;
        }
        sessionId = event.sessionId();
        device = DeviceId.normalize(event.device());
        sourceIp = event.sourceIp();
        ingestHost = event.ingestHost();
        describe(event.localNumber(), event.localName(), event.remoteNumber(), event.remoteName());
        direction = event.direction();
        codec = event.codec();
        startedAt = event.at();
    }

    /** The parties as the session now names them (it comes after the start on the same partition). */
    public void applyDescribed(SessionEvent event) {
        if (status == RecordingStatus.DELETED) {
            return;
        }
        describe(event.localNumber(), event.localName(), event.remoteNumber(), event.remoteName());
    }

    /** Sets the parties and what {@code q} finds them by. */
    public void describe(String localNumber, String localName, String remoteNumber, String remoteName) {
        this.localNumber = localNumber;
        this.localName = localName;
        this.remoteNumber = remoteNumber;
        this.remoteName = remoteName;
        this.searchText = SearchText.of(localNumber, localName, remoteNumber, remoteName);
    }

    /** The session's stop reason wins over the one rtp-ingest saw, whichever comes first. */
    public void applyStopped(SessionEvent event) {
        if (status == RecordingStatus.DELETED) {
            return;
        }
        if (sessionId == null) {
            sessionId = event.sessionId();
        }
        stopReason = event.reason();
        stoppedAt = event.at();
        advanceTo(RecordingStatus.PROCESSING);
    }

    /**
     * The file figures. On a tombstone only the object key is kept, so that the object a late transcoder wrote
     * is removed too instead of bringing the recording back. {@code storedAt} is when the catalog first lists it
     * as available ({@code indexedAt}), not the event's time: a client asking what became available since its
     * last look must not miss a recording whose event was late. A replayed event keeps the first time.
     */
    public void applyStored(RecordingEvent event, Instant indexedAt) {
        objectKey = event.objectKey();
        if (status == RecordingStatus.DELETED) {
            return;
        }
        sizeBytes = event.sizeBytes();
        durationMs = event.durationMs();
        sampleRate = event.sampleRate();
        channels = event.channels();
        if (event.codec() != null) {
            codec = event.codec();      // an import learns its codec only here; a call's came with its start
        }
        sha256 = event.sha256();
        packetsReceived = event.packetsReceived();
        packetsLost = event.packetsLost();
        packetsDuplicate = event.packetsDuplicate();
        packetsLate = event.packetsLate();
        concealedMs = event.concealedMs();
        warning = event.warning();
        if (status != RecordingStatus.AVAILABLE) {
            storedAt = indexedAt;
        }
        fillStopReason(event);
        failureReason = null;
        advanceTo(RecordingStatus.AVAILABLE);
    }

    public void applyFailed(RecordingEvent event) {
        if (!status.mayBecome(RecordingStatus.FAILED)) {
            return;
        }
        failureReason = event.reason();
        fillStopReason(event);
        advanceTo(RecordingStatus.FAILED);
    }

    /**
     * The safety net's verdict on a recording nobody finished in time: failed, and why. A stored event coming
     * after it still makes the recording available.
     */
    public void failUnfinished(String reason) {
        if (status.mayBecome(RecordingStatus.FAILED)) {
            failureReason = reason;
            status = RecordingStatus.FAILED;
        }
    }

    /** Makes this row a tombstone; its object key stays until the object is removed. */
    /**
     * Makes this row a tombstone that keeps no names, numbers or addresses: only the id, times, status and the key
     * of an object still to be removed. Who deleted it stays in the audit log.
     */
    public void markDeleted(Instant at) {
        status = RecordingStatus.DELETED;
        deletedAt = at;
        sessionId = null;
        device = null;
        sourceIp = null;
        ingestHost = null;
        localNumber = null;
        localName = null;
        remoteNumber = null;
        remoteName = null;
        owner = null;
        searchText = null;
        warning = null;
    }

    private void fillStopReason(RecordingEvent event) {
        if (stopReason == null) {
            stopReason = event.stopReason();
        }
    }

    private void advanceTo(RecordingStatus next) {
        if (status.mayBecome(next)) {
            status = next;
        }
    }
}
