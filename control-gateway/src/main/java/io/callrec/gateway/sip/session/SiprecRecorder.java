package io.callrec.gateway.sip.session;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.gateway.service.OpenRecording;
import io.callrec.gateway.service.RecordingService;
import io.callrec.gateway.service.RecordingStart;
import io.callrec.gateway.service.RecordingStream;
import io.callrec.gateway.service.ingest.IngestClient;
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
 * The recording of a SIPREC session: one recording, one channel per direction. The first INVITE's usable audio
 * streams (at most two; more are refused) become its channels, in offer order, each an ingest port latched on its
 * first RTP source (the client's media addresses are not in its signalling); a single mixed stream gives a mono
 * recording. The streams are had together or not at all. Re-INVITEs match streams by label (by position when
 * unlabelled) and keep each one's channel, port and codec; a stream the client sends nothing on (a hold, or one
 * we refuse in a re-INVITE) is held at the ingest, so the silence is a gap on its channel rather than an RTP
 * timeout; streams that appear only in a re-INVITE are refused. Catalog fields: the local party is who sends on
 * channel 0 (the metadata names senders by label), the remote one who sends on channel 1, or who receives
 * channel 0 when mono; the call direction is not known.
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
     * Our side of each offered stream, in order: the first offer starts the recording, later ones renegotiate its
     * streams. Completes on whichever thread the last ingest call completed on; the call's state is only read here,
     * and changed by {@link #apply}.
     */
    Uni<Answer> answer(SiprecCall call, List<OfferedStream> offer) {
        return call.recording() == null ? start(call, offer) : renegotiate(call, offer);
    }

    private Uni<Answer> start(SiprecCall call, List<OfferedStream> offer) {
        List<Integer> channels = new ArrayList<>(FrameBatch.MAX_CHANNELS);
        List<Codec> codecs = new ArrayList<>(FrameBatch.MAX_CHANNELS);
        for (int i = 0; i < offer.size(); i++) {
            Optional<Codec> codec = StreamChoice.codec(offer.get(i));
            if (codec.isEmpty() || offer.get(i).port() == 0) {
                continue;
            }
            if (channels.size() == FrameBatch.MAX_CHANNELS) {
                LOG.infof("SIPREC session %s: stream %s refused, a recording has at most %d channels",
                        call.callId(), key(offer.get(i), i), FrameBatch.MAX_CHANNELS);
                continue;
            }
            channels.add(i);
            codecs.add(codec.get());
        }
        List<AnsweredStream> refused = offer.stream().map(AnsweredStream::refused).toList();
        if (channels.isEmpty()) {
            return Uni.createFrom().item(new Answer(refused, null, List.of()));
        }
        boolean stereo = channels.size() > 1;
        Parties parties = Parties.of(call.metadata(), offer.get(channels.get(0)).label(),
                stereo ? offer.get(channels.get(1)).label() : null, stereo);
        call.parties(parties);
        RecordingStart start = new RecordingStart(call.callId(), null, null, codecs, parties.localNumber(),
                parties.localName(), parties.remoteNumber(), parties.remoteName(), SourceLatch.FIRST_SOURCE);
        return recordings.start(start, call.source(), call)
                .call(open -> call.capturing() ? Uni.createFrom().voidItem() : switchedOff(call, open))
                .flatMap(open -> {
                    List<AnsweredStream> answers = new ArrayList<>(refused);
                    List<RecordedStream> recorded = new ArrayList<>(channels.size());
                    for (int channel = 0; channel < channels.size(); channel++) {
                        int index = channels.get(channel);
                        OfferedStream stream = offer.get(index);
                        RecordingStream port = open.streams().get(channel);
                        answers.set(index, new AnsweredStream(stream, codecs.get(channel), port.host(), port.port()));
                        recorded.add(new RecordedStream(key(stream, index), codecs.get(channel), channel, port,
                                false));
                    }
                    return holds(call, recorded, offer, answers)
                            .map(streams -> new Answer(answers, open, streams));
                })
                .onFailure().recoverWithItem(error -> {
                    LOG.warnf("SIPREC session %s: not recorded: %s", call.callId(), error.getMessage());
                    return new Answer(refused, null, List.of());
                });
    }

    private Uni<Answer> renegotiate(SiprecCall call, List<OfferedStream> offer) {
        List<AnsweredStream> answers = new ArrayList<>(offer.size());
        List<RecordedStream> matched = new ArrayList<>();
        for (int i = 0; i < offer.size(); i++) {
            OfferedStream stream = offer.get(i);
            RecordedStream existing = call.stream(key(stream, i));
            if (existing == null) {
                if (StreamChoice.codec(stream).isPresent() && stream.port() != 0) {
                    LOG.infof("SIPREC session %s: stream %s refused, it was not in the first offer", call.callId(),
                            key(stream, i));
                }
                answers.add(AnsweredStream.refused(stream));
            } else if (StreamChoice.offers(stream, existing.codec())) {
                answers.add(new AnsweredStream(stream, existing.codec(), existing.stream().host(),
                        existing.stream().port()));
                matched.add(existing);
            } else {
                // Its codec changed (or the client dropped it): its channel is silence from now on.
                LOG.infof("SIPREC session %s: stream %s no longer offers %s, refused", call.callId(), key(stream, i),
                        existing.codec());
                answers.add(AnsweredStream.refused(stream));
                matched.add(existing);
            }
        }
        describeAgain(call, offer);
        return holds(call, matched, offer, answers).map(streams -> new Answer(answers, null, streams));
    }

    /**
     * A re-INVITE's metadata may name other parties (a transfer, a name learnt late): the catalog entry follows.
     * Its streams are matched to the recording's channels by label, as at the start.
     */
    private void describeAgain(SiprecCall call, List<OfferedStream> offer) {
        OpenRecording recording = call.recording();
        if (recording == null) {
            return;
        }
        String[] labels = new String[recording.streams().size()];
        for (int i = 0; i < offer.size(); i++) {
            RecordedStream existing = call.stream(key(offer.get(i), i));
            if (existing != null) {
                labels[existing.channel()] = offer.get(i).label();
            }
        }
        Parties parties = Parties.of(call.metadata(), labels[0], labels.length > 1 ? labels[1] : null,
                labels.length > 1);
        if (parties.equals(call.parties())) {
            return;
        }
        call.parties(parties);
        recordings.describe(recording, parties.localNumber(), parties.localName(), parties.remoteNumber(),
                parties.remoteName()).subscribe().with(done -> { }, error ->
                LOG.warnf("SIPREC session %s: new parties not published: %s", call.callId(), error.getMessage()));
    }

    /**
     * Holds at the ingest each stream the client will send nothing on (a hold, or refused now) and releases each
     * it sends on again. A switch the ingest does not confirm is logged; the stream keeps its previous state.
     */
    private Uni<List<RecordedStream>> holds(SiprecCall call, List<RecordedStream> streams,
                                            List<OfferedStream> offer, List<AnsweredStream> answers) {
        List<Uni<RecordedStream>> switched = new ArrayList<>(streams.size());
        for (RecordedStream stream : streams) {
            int index = indexOf(stream.key(), offer);
            boolean held = !answers.get(index).accepted() || offer.get(index).silent();
            if (held == stream.held()) {
                switched.add(Uni.createFrom().item(stream));
                continue;
            }
            RecordingStream port = stream.stream();
            switched.add(ingest.hold(port.ingest(), port.streamId(), held).map(done -> stream.held(held))
                    .onFailure().recoverWithItem(error -> {
                        LOG.warnf("SIPREC session %s: stream %s not %s at the ingest: %s", call.callId(),
                                stream.key(), held ? "held" : "released", error.getMessage());
                        return stream;
                    }));
        }
        return switched.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(switched).andFailFast();
    }

    /**
     * Takes an answer in (on the SIP context): the started recording becomes the call's, the streams' states are
     * kept. When the call has ended meanwhile (CANCEL, BYE), the started recording is finished.
     */
    void apply(SiprecCall call, Answer answer, String reasonIfEnded) {
        if (answer.started() != null && call.ended()) {
            stop(call, answer.started(), reasonIfEnded);
            return;
        }
        if (answer.started() != null) {
            call.recording(answer.started());
        }
        answer.streams().forEach(call::put);
    }

    /**
     * Before its ports are in an answer, the streams of a session not switched on drop what they receive; should
     * an ingest not confirm that, the session is not recorded at all.
     */
    private Uni<Void> switchedOff(SiprecCall call, OpenRecording open) {
        List<Uni<Void>> switches = open.streams().stream()
                .map(stream -> ingest.capture(stream.ingest(), stream.streamId(), false)).toList();
        return Uni.join().all(switches).andFailFast().replaceWithVoid().onFailure().call(error ->
                recordings.stop(open, StopReasons.START_FAILED).onFailure().recoverWithNull());
    }

    /**
     * Record on/off: every stream keeps (or drops) what it receives from now on. Completes once every ingest has
     * it (a stream whose ingest does not answer is logged and left as it was).
     */
    Uni<Void> capture(SiprecCall call, boolean on) {
        call.capturing(on);
        List<Uni<Void>> switches = new ArrayList<>();
        for (RecordedStream recorded : call.streams()) {
            RecordingStream stream = recorded.stream();
            switches.add(ingest.capture(stream.ingest(), stream.streamId(), on).onFailure().invoke(error ->
                    LOG.warnf("SIPREC session %s: stream %s not switched %s: %s", call.callId(), recorded.key(),
                            on ? "on" : "off", error.getMessage()))
                    .onFailure().recoverWithNull());
        }
        return switches.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(switches).andFailFast().replaceWithVoid();
    }

    /** Finishes the call's recording. */
    void finish(SiprecCall call, String reason) {
        call.end();
        if (call.recording() != null) {
            stop(call, call.recording(), reason);
        }
    }

    private void stop(SiprecCall call, OpenRecording recording, String reason) {
        recordings.stop(recording, reason).subscribe().with(done -> { }, error ->
                LOG.warnf("SIPREC session %s: recording %s not stopped cleanly: %s", call.callId(),
                        recording.recordingId(), error.getMessage()));
    }

    /** How a stream is matched across offers: its label, or its position when it has none. */
    private static String key(OfferedStream stream, int position) {
        return stream.label() != null ? "label:" + stream.label() : "position:" + position;
    }

    private static int indexOf(String key, List<OfferedStream> offer) {
        for (int i = 0; i < offer.size(); i++) {
            if (key(offer.get(i), i).equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(key + " is not in the offer");
    }

    /**
     * Our side of each offered stream, the recording started for the session (null unless this was the first
     * offer and it started), and the recorded streams the offer named, with their hold states.
     */
    record Answer(List<AnsweredStream> answers, OpenRecording started, List<RecordedStream> streams) {
    }
}
