package io.callrec.gateway.sip.session;

import io.callrec.contracts.Codec;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.gateway.service.ingest.IngestClient;
import io.callrec.gateway.service.OpenRecording;
import io.callrec.gateway.service.RecordingService;
import io.callrec.gateway.service.RecordingStart;
import io.callrec.gateway.sip.metadata.Participant;
import io.callrec.gateway.sip.sdp.AnsweredStream;
import io.callrec.gateway.sip.sdp.OfferedStream;
import io.callrec.gateway.sip.sdp.StreamChoice;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The recordings of a SIPREC session's streams. Each offered audio stream we can record gets a recording (an
 * ingest port latched on its first RTP source, since the client's media addresses are not in its signalling);
 * a stream keeps its recording across re-INVITEs and holds (matched by label, or by position when unlabelled), so
 * a hold is silence in the same recording. Each stream is one mono recording for now, its sender (from the
 * metadata, by label) the local party and its receiver the remote one; the call direction is not known.
 */
@ApplicationScoped
public class SiprecRecorder {
    private static final Logger LOG = Logger.getLogger(SiprecRecorder.class);

    private final RecordingService recordings;
    private final IngestClient ingest;

    public SiprecRecorder(RecordingService recordings, IngestClient ingest) {
        this.recordings = recordings;
        this.ingest = ingest;
    }

    /**
     * Our side of each offered stream, in order. Streams we cannot record, or could not get a port for, are
     * refused (port 0); the caller decides whether an answer with none accepted is worth sending. Completes on
     * whichever thread the last allocation completed on; the call's state is only read here, and changed by
     * {@link #apply}.
     */
    Uni<List<Allocated>> allocate(SiprecCall call, List<OfferedStream> offer) {
        List<Uni<Allocated>> answers = new ArrayList<>(offer.size());
        for (int i = 0; i < offer.size(); i++) {
            OfferedStream stream = offer.get(i);
            String key = stream.label() != null ? "label:" + stream.label() : "position:" + i;
            Optional<Codec> codec = StreamChoice.codec(stream);
            RecordedStream existing = call.stream(key);
            if (codec.isEmpty() || stream.port() == 0) {
                answers.add(Uni.createFrom().item(new Allocated(AnsweredStream.refused(stream), null)));
            } else if (existing != null && existing.codec() == codec.get()) {
                OpenRecording open = existing.recording();
                answers.add(Uni.createFrom().item(new Allocated(
                        new AnsweredStream(stream, existing.codec(), open.host(), open.port()), null)));
            } else {
                // Who speaks on this stream is local, who hears it remote; the metadata names them by label.
                Participant sender = call.metadata().sender(stream.label());
                Participant receiver = call.metadata().receiver(stream.label());
                RecordingStart start = new RecordingStart(call.callId(), null, null, codec.get(),
                        sender == null ? null : sender.number(), sender == null ? null : sender.name(),
                        receiver == null ? null : receiver.number(), receiver == null ? null : receiver.name(),
                        SourceLatch.FIRST_SOURCE);
                answers.add(recordings.start(start, call.source(), call)
                        .call(open -> call.capturing() ? Uni.createFrom().voidItem() : switchedOff(call, open))
                        .map(open -> new Allocated(new AnsweredStream(stream, codec.get(), open.host(), open.port()),
                                new RecordedStream(key, codec.get(), open)))
                        .onFailure().recoverWithItem(error -> {
                            LOG.warnf("SIPREC session %s: stream %s not recorded: %s", call.callId(), key,
                                    error.getMessage());
                            return new Allocated(AnsweredStream.refused(stream), null);
                        }));
            }
        }
        return Uni.join().all(answers).andCollectFailures();
    }

    /**
     * Makes the allocations the call's streams (on the SIP context); a stream whose codec changed gets its new
     * recording and the old one is finished. When the call has ended meanwhile (CANCEL, BYE), they are finished.
     */
    void apply(SiprecCall call, List<Allocated> allocated, String reasonIfEnded) {
        for (Allocated a : allocated) {
            if (a.started() == null) {
                continue;
            }
            if (call.ended()) {
                stop(call, a.started(), reasonIfEnded);
                continue;
            }
            RecordedStream replaced = call.stream(a.started().key());
            call.put(a.started());
            if (replaced != null) {
                stop(call, replaced, StopReasons.NORMAL);
            }
        }
    }

    /**
     * Before its port is in an answer, a stream of a session not switched on drops what it receives; should the
     * ingest not confirm that, the stream is not recorded at all.
     */
    private Uni<Void> switchedOff(SiprecCall call, OpenRecording open) {
        return ingest.capture(open.ingest(), open.recordingId(), false).onFailure().call(error ->
                recordings.stop(open, StopReasons.START_FAILED).onFailure().recoverWithNull());
    }

    /**
     * Record on/off: every stream keeps (or drops) what it receives from now on. Completes once every ingest has
     * it (a stream whose ingest does not answer is logged and left as it was).
     */
    Uni<Void> capture(SiprecCall call, boolean on) {
        call.capturing(on);
        List<Uni<Void>> switches = new ArrayList<>();
        for (RecordedStream stream : call.streams()) {
            OpenRecording open = stream.recording();
            switches.add(ingest.capture(open.ingest(), open.recordingId(), on).onFailure().invoke(error ->
                    LOG.warnf("SIPREC session %s: recording %s not switched %s: %s", call.callId(),
                            open.recordingId(), on ? "on" : "off", error.getMessage()))
                    .onFailure().recoverWithNull());
        }
        return switches.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(switches).andFailFast().replaceWithVoid();
    }

    /** Finishes every recording of the call. */
    void finish(SiprecCall call, String reason) {
        call.end();
        for (RecordedStream stream : call.streams()) {
            stop(call, stream, reason);
        }
    }

    private void stop(SiprecCall call, RecordedStream stream, String reason) {
        recordings.stop(stream.recording(), reason).subscribe().with(done -> { }, error ->
                LOG.warnf("SIPREC session %s: recording %s not stopped cleanly: %s", call.callId(),
                        stream.recording().recordingId(), error.getMessage()));
    }

    /** One stream's answer, and the recording started for it (null when none was started). */
    record Allocated(AnsweredStream answer, RecordedStream started) {
    }
}
