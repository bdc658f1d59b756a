package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.Codec;
import io.callrec.simulator.call.SentPacket;
import io.callrec.transcoder.audio.AudioDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/** What a recording's WAV must hold, given the packets a phone sent, and how close it comes. */
final class RecordedAudio {
    private RecordedAudio() {
    }

    /** The packets the recorder got, decoded in order, silence for the lost ones: what the WAV must hold. */
    static short[] expectedPcm(Codec codec, List<SentPacket> packets, int first, int last) {
        AudioDecoder decoder = AudioDecoder.forCodec(codec);
        int perPacket = samplesPerPacket(codec);
        short[] pcm = new short[(last - first + 1) * perPacket];
        packets.stream().filter(p -> !p.dropped() && p.index() >= first && p.index() <= last)
                .sorted(Comparator.comparingInt(SentPacket::index)).forEach(p ->
                        decoder.decode(p.payload(), 0, p.payload().length, pcm, (p.index() - first) * perPacket));
        return pcm;
    }

    static int samplesPerPacket(Codec codec) {
        return 160 * AudioDecoder.forCodec(codec).samplesPerByte();
    }

    static double snrDb(short[] expected, short[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < expected.length; i++) {
            signal += (double) expected[i] * expected[i];
            double d = expected[i] - actual[i];
            noise += d * d;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    /** The 16-bit samples of a canonical 44-byte-header WAV. */
    static short[] samples(byte[] wav) {
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        short[] samples = new short[(wav.length - 44) / 2];
        ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** Each channel's samples of a canonical 44-byte-header WAV (interleaved frames, channel 0 first). */
    static short[][] channels(byte[] wav) {
        int count = ByteBuffer.wrap(wav, 22, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        short[] interleaved = samples(wav);
        short[][] channels = new short[count][interleaved.length / count];
        for (int i = 0; i < interleaved.length - count + 1; i += count) {
            for (int c = 0; c < count; c++) {
                channels[c][i / count] = interleaved[i + c];
            }
        }
        return channels;
    }

    /**
     * Compares a G.711 recording packet by packet with what the phone sent (every packet sent, none dropped by
     * the phone itself; the WAV starts with the first): how many packets are in the WAV exactly, how many are
     * missing inside it (silence where audio was sent), and how many were sent after the recording ended.
     */
    static Comparison compare(Codec codec, List<SentPacket> sent, short[] wav) {
        int perPacket = samplesPerPacket(codec);
        AudioDecoder decoder = AudioDecoder.forCodec(codec);
        List<SentPacket> ordered = sent.stream().sorted(Comparator.comparingInt(SentPacket::index)).toList();
        int first = ordered.get(0).index();
        int exact = 0;
        int missing = 0;
        int afterEnd = 0;
        short[] expected = new short[perPacket];
        for (SentPacket packet : ordered) {
            int at = (packet.index() - first) * perPacket;
            if (at + perPacket > wav.length) {
                afterEnd++;
                continue;
            }
            decoder.decode(packet.payload(), 0, packet.payload().length, expected, 0);
            boolean same = true;
            for (int i = 0; i < perPacket && same; i++) {
                same = wav[at + i] == expected[i];
            }
            if (same) {
                exact++;
            } else {
                missing++;
            }
        }
        return new Comparison(exact, missing, afterEnd, wav.length / perPacket - ordered.size() + afterEnd);
    }

    /**
     * @param exact    packets whose audio is in the WAV, sample for sample
     * @param missing  packets sent while the recording ran whose audio is not in the WAV
     * @param afterEnd packets sent after the recording had ended
     * @param extra    packet slots in the WAV beyond what was sent (should be 0)
     */
    record Comparison(int exact, int missing, int afterEnd, int extra) {
        long missingMillis() {
            return missing * 20L;
        }

        long afterEndMillis() {
            return afterEnd * 20L;
        }
    }
}
