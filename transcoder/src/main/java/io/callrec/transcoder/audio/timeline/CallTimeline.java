package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds one recording's audio from its RTP packets, given in arrival order, and streams the
 * decoded PCM to a sink. Memory is bounded by the reorder window, whatever the call's length.
 *
 * <ul>
 *   <li>Packets are put in extended sequence order (the 16-bit number wraps) within the reorder
 *       window; copies are dropped; a packet arriving after the window has moved past it is late
 *       and dropped.</li>
 *   <li>Audio is placed by RTP timestamp (32-bit, wraps): a lost packet leaves silence of its
 *       length, a timestamp jump (hold, silence suppression, comfort noise, DTMF) leaves silence
 *       up to {@link TimelineSettings#maxGapMillis()}, never more than the packets took to arrive, and
 *       never more in all than {@link TimelineSettings#maxSilenceMillis()}.</li>
 *   <li>A new stream (another SSRC after a transfer or re-INVITE, or a sequence restart confirmed
 *       by two consecutive packets, as RFC 3550 A.1) continues where the old one stopped, with
 *       silence for the arrival gap less the old stream's last packet; its decoder starts fresh.
 *       Stragglers of a stream that has ended are dropped as late.</li>
 *   <li>Only the codec's payload type is decoded. Comfort noise (13) and telephone events
 *       (dynamic types 96-127) are expected and take no room of their own (their time becomes
 *       silence through the next audio packet's timestamp); other types are ignored and counted.</li>
 * </ul>
 *
 * The same packets in the same order always give the same PCM. Not thread-safe.
 */
public final class CallTimeline {

    private static final int COMFORT_NOISE = 13;
    private static final int FIRST_DYNAMIC = 96;
    /** RFC 3550 A.1: a forward step this large is a jump, not loss. */
    private static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a packet this far behind is still a reordered one, not a jump. */
    private static final int MAX_MISORDER = 100;
    /** Ended streams remembered to recognise their stragglers. */
    private static final int ENDED_STREAMS = 16;

    private final int payloadType;
    private final int maxMisorder;
    private final ReorderWindow window;
    private final AudioPlacer placer;
    /** SSRC of each recently ended stream, with the highest extended sequence number it reached. */
    private final Map<Long, Long> endedStreams = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > ENDED_STREAMS;
        }
    };

    private boolean streaming;
    private long ssrc;
    private long highestSequence;
    /** A packet whose sequence number jumped away from its stream, kept until its successor confirms it. */
    private RtpFrame pendingJump;
    private boolean finished;

    private long received;
    private long duplicates;
    private long late;
    private long ignored;

    public CallTimeline(Codec codec, TimelineSettings settings, PcmSink sink) {
        this.payloadType = codec.payloadType();
        this.maxMisorder = Math.max(MAX_MISORDER, settings.reorderWindowPackets());
        this.window = new ReorderWindow(settings.reorderWindowPackets());
        this.placer = new AudioPlacer(codec, settings.maxGapMillis(), settings.maxSilenceMillis(), sink);
    }

    /** Takes the next packet in arrival order; may write the audio of earlier ones to the sink. */
    public void add(RtpFrame frame) throws IOException {
        if (finished) {
            throw new IllegalStateException("timeline already finished");
        }
        if (!streaming || frame.ssrc() != ssrc) {
            addFromOtherStream(frame);
            return;
        }
        int step = sequenceDistance(frame.sequence(), highestSequence);
        if (step > 0 ? step < MAX_DROPOUT : -step <= maxMisorder) {
            dropPendingJump();
            accept(frame, highestSequence + step);
        } else if (pendingJump != null && sequenceDistance(frame.sequence(), pendingJump.sequence()) == 1) {
            RtpFrame first = pendingJump;
            pendingJump = null;
            startStream(first);
            accept(frame, highestSequence + 1);
        } else {
            dropPendingJump();
            pendingJump = frame;
        }
    }

    /** Writes the audio still held back and returns the figures; the timeline takes no more packets. */
    public TimelineFigures finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("timeline already finished");
        }
        finished = true;
        dropPendingJump();
        releaseAll();
        return new TimelineFigures(received, window.lost(), duplicates, late, ignored,
                placer.concealedMillis(), placer.samplesWritten(), placer.durationMillis());
    }

    private void addFromOtherStream(RtpFrame frame) throws IOException {
        Long endedAt = endedStreams.get(frame.ssrc());
        if (endedAt != null) {
            int step = sequenceDistance(frame.sequence(), endedAt);
            if (step <= 0 && -step <= maxMisorder) {
                late++;
                return;
            }
        }
        dropPendingJump();
        startStream(frame);
    }

    /** Ends the current stream, writing all it still holds, and starts one with this packet. */
    private void startStream(RtpFrame first) throws IOException {
        if (streaming) {
            releaseAll();
            endedStreams.put(ssrc, highestSequence);
        }
        window.restart();
        placer.startStream();
        streaming = true;
        ssrc = first.ssrc();
        highestSequence = first.sequence();
        accept(first, highestSequence);
    }

    private void accept(RtpFrame frame, long sequence) throws IOException {
        switch (window.offer(sequence, frame)) {
            case DUPLICATE -> duplicates++;
            case TOO_LATE -> late++;
            case HELD -> {
                if (sequence < highestSequence) {
                    late++;
                } else {
                    highestSequence = sequence;
                }
                while (window.overCapacity()) {
                    release(window.releaseLowest());
                }
            }
        }
    }

    private void releaseAll() throws IOException {
        while (!window.isEmpty()) {
            release(window.releaseLowest());
        }
    }

    private void release(RtpFrame frame) throws IOException {
        received++;
        int type = frame.payloadType();
        if (type == payloadType) {
            placer.place(frame);
        } else if (type != COMFORT_NOISE && type < FIRST_DYNAMIC) {
            ignored++;
        }
    }

    private void dropPendingJump() {
        if (pendingJump != null) {
            ignored++;
            pendingJump = null;
        }
    }

    /** Signed distance from {@code reference} to {@code sequence} modulo 2^16. */
    private static int sequenceDistance(int sequence, long reference) {
        return (short) (sequence - (int) reference);
    }
}
