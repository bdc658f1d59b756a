package io.callrec.gateway.sip.session;

import io.callrec.gateway.service.OpenRecording;
import io.callrec.gateway.service.RecordingOwner;
import io.callrec.gateway.sip.metadata.RecordingMetadata;
import io.callrec.gateway.sip.transaction.ServerTransaction;
import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One recording session (a SIP dialog with a recording client): its recording (one channel per recorded stream),
 * its streams, the INVITE being answered, our SDP version. Confined to the SIP context, except the
 * {@link RecordingOwner} calls.
 */
final class SiprecCall implements RecordingOwner {
    private final String callId;
    private final String localTag;
    private final InetAddress source;
    private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final Map<String, RecordedStream> streams = new LinkedHashMap<>();
    /** Called (on any thread) when the recording ended without the client's BYE: the session is over. */
    private final Consumer<SiprecCall> endedWithoutBye;
    private OpenRecording recording;
    private long sdpVersion;
    private byte[] lastAnswer;
    private ServerTransaction invite;
    private RecordingMetadata metadata = RecordingMetadata.NONE;
    private Parties parties;
    private boolean ended;
    private boolean capturing = true;

    SiprecCall(String callId, String localTag, InetAddress source, Consumer<SiprecCall> endedWithoutBye) {
        this.callId = callId;
        this.localTag = localTag;
        this.source = source;
        this.endedWithoutBye = endedWithoutBye;
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    InetAddress source() {
        return source;
    }

    long sdpSessionId() {
        return sdpSessionId;
    }

    /** The o= version for the next answer: one more than the last. */
    long nextSdpVersion() {
        return ++sdpVersion;
    }

    byte[] lastAnswer() {
        return lastAnswer;
    }

    void answered(byte[] answer) {
        lastAnswer = answer;
    }

    /** The latest metadata the client sent (a re-INVITE may update it); {@link RecordingMetadata#NONE} before. */
    RecordingMetadata metadata() {
        return metadata;
    }

    void metadata(RecordingMetadata latest) {
        metadata = latest;
    }

    /** The INVITE (first or re-INVITE) answered last or being answered; null before the first. */
    ServerTransaction invite() {
        return invite;
    }

    void invite(ServerTransaction transaction) {
        invite = transaction;
    }

    /** An INVITE is still being answered, or its 2xx waits for its ACK: another one now overlaps it. */
    boolean inviteInProgress() {
        return invite != null && !invite.cancelled() && (!invite.completed()
                || invite.finalStatus() / 100 == 2 && !invite.acknowledged());
    }

    /** The parties the catalog was last told of; null before the recording started. */
    Parties parties() {
        return parties;
    }

    void parties(Parties latest) {
        parties = latest;
    }

    /** The session's recording; null until the first INVITE's streams are allocated. */
    OpenRecording recording() {
        return recording;
    }

    void recording(OpenRecording started) {
        recording = started;
    }

    RecordedStream stream(String key) {
        return streams.get(key);
    }

    void put(RecordedStream stream) {
        streams.put(stream.key(), stream);
    }

    Collection<RecordedStream> streams() {
        return streams.values();
    }

    /** Whether the streams' audio is being kept (Record on/off, and the session's mode before the first). */
    boolean capturing() {
        return capturing;
    }

    void capturing(boolean on) {
        capturing = on;
    }

    boolean ended() {
        return ended;
    }

    void end() {
        ended = true;
    }

    /** Nothing to tell the client (SIPREC has no message for it; the stopped event is sent): the session ends. */
    @Override
    public void recordingLost(OpenRecording lost) {
        endedWithoutBye.accept(this);
    }

    @Override
    public void recordingEndedAtIngest(OpenRecording ended) {
        endedWithoutBye.accept(this);
    }
}
