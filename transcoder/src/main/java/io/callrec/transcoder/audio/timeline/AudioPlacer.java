package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.AudioDecoder;

import java.io.IOException;

/**
 * Places audio packets, given in sequence order, on the recording's time line by their RTP
 * timestamps: decodes each, fills the time before it with silence (loss, silence suppression,
 * hold) up to the gap limit, and writes both to the sink. A new stream (SSRC change, sequence
 * restart) has unrelated timestamps, so its first packet is placed by arrival time instead.
 * Positions are counted in RTP timestamp units; G.722 has two samples per unit.
 *
 * <p>Silence costs output but no input, so it is bounded twice: it never takes the recording further past
 * its first packet than the packets' arrival times (plus a second of jitter), whatever the timestamps claim,
 * and its total never exceeds the settings' {@code maxSilenceMillis}.
 */
final class AudioPlacer {

    private final AudioDecoder decoder;
    private final PcmSink sink;
    private final int clockRate;
    private final int samplesPerUnit;
    private final long maxGapUnits;
    private final long maxGapMicros;
    private final long maxSilenceUnits;
    private final long jitterUnits;
    /** Per timeline, not shared: a sink could scribble on what it is given. */
    private final short[] silence = new short[4096];
    private short[] decoded = new short[1024];

    /** Where the next sample goes. */
    private long cursor;
    private long concealedUnits;
    private boolean placedAny;
    private long firstArrivalMicros;
    /** False until the current stream's first audio packet is placed. */
    private boolean streamAnchored;
    /** Extended RTP timestamp of the last audio packet placed, and where it was placed. */
    private long lastTimestamp;
    private long lastPosition;
    private long lastArrivalMicros;
    private long lastDurationUnits;

    AudioPlacer(Codec codec, long maxGapMillis, long maxSilenceMillis, PcmSink sink) {
        this.decoder = AudioDecoder.forCodec(codec);
        this.sink = sink;
        this.clockRate = codec.rtpClockRate();
        this.samplesPerUnit = codec.sampleRate() / codec.rtpClockRate();
        this.maxGapUnits = maxGapMillis * clockRate / 1000;
        this.maxGapMicros = maxGapMillis * 1000;
        this.maxSilenceUnits = maxSilenceMillis >= Long.MAX_VALUE / clockRate ? Long.MAX_VALUE
                : maxSilenceMillis * clockRate / 1000;
        this.jitterUnits = clockRate;
    }

    /** The next packet belongs to a new stream: fresh decoder state, placed by arrival time. */
    void startStream() {
        decoder.reset();
        streamAnchored = false;
    }

    void place(RtpFrame frame) throws IOException {
        int samples = decode(frame.payload());
        long units = samples / samplesPerUnit;

        long timestamp;
        long position;
        if (streamAnchored) {
            // Signed 32-bit distance from the previous packet: timestamps wrap at 2^32.
            timestamp = lastTimestamp + (int) (frame.timestamp() - lastTimestamp);
            position = lastPosition + (timestamp - lastTimestamp);
        } else {
            timestamp = frame.timestamp();
            position = placedAny ? cursor + bridgeUnits(frame.arrivalMicros()) : cursor;
            streamAnchored = true;
        }
        if (!placedAny) {
            firstArrivalMicros = frame.arrivalMicros();
        }
        if (position > cursor) {
            writeSilence(allowedSilence(position - cursor, frame.arrivalMicros()));
        }
        // A packet that starts before the cursor (timestamps going back, overlapping packets)
        // continues at the cursor: audio is never overlapped nor dropped.
        lastTimestamp = timestamp;
        lastPosition = cursor;
        lastArrivalMicros = frame.arrivalMicros();
        lastDurationUnits = units;
        sink.write(decoded, 0, samples);
        cursor += units;
        placedAny = true;
    }

    long samplesWritten() {
        return cursor * samplesPerUnit;
    }

    long durationMillis() {
        return cursor * 1000 / clockRate;
    }

    long concealedMillis() {
        return concealedUnits * 1000 / clockRate;
    }

    /** The silence a gap of {@code wanted} units gets: the gap limit, the arrival time and the total allow. */
    private long allowedSilence(long wanted, long arrivalMicros) {
        long arrivedUnits = Math.max(0, arrivalMicros - firstArrivalMicros) / 1000 * clockRate / 1000 + jitterUnits;
        long allowed = Math.min(Math.min(wanted, maxGapUnits), arrivedUnits - cursor);
        return Math.max(0, Math.min(allowed, maxSilenceUnits - concealedUnits));
    }

    /** Silence between the previous stream's last packet and this one: arrival gap minus its length. */
    private long bridgeUnits(long arrivalMicros) {
        long lastDurationMicros = lastDurationUnits * 1_000_000 / clockRate;
        long silenceMicros = arrivalMicros - lastArrivalMicros - lastDurationMicros;
        return silenceMicros <= 0 ? 0 : Math.min(silenceMicros, maxGapMicros) * clockRate / 1_000_000;
    }

    private int decode(byte[] payload) {
        int needed = payload.length * decoder.samplesPerByte();
        if (decoded.length < needed) {
            decoded = new short[needed];
        }
        return decoder.decode(payload, 0, payload.length, decoded, 0);
    }

    private void writeSilence(long units) throws IOException {
        long remaining = units * samplesPerUnit;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, silence.length);
            sink.write(silence, 0, chunk);
            remaining -= chunk;
        }
        cursor += units;
        concealedUnits += units;
    }
}
