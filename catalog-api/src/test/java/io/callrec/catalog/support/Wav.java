package io.callrec.catalog.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Real RIFF PCM WAVs (16-bit, 8 kHz) with tones, so tests compare actual audio bytes and amplitudes. */
public final class Wav {
    private Wav() {
    }

    public static byte[] tone(int samples) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return wav.array();
    }

    /**
     * One 1 kHz sine per channel, channel n peaking at exactly {@code peaks[n]} of full scale: at 8 kHz every
     * eighth sample is a crest.
     */
    public static byte[] sines(int frames, double... peaks) {
        int channels = peaks.length;
        int dataBytes = frames * channels * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(8000)
                .putInt(8000 * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        wav.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            for (double peak : peaks) {
                wav.putShort((short) Math.round(peak * 32768 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
            }
        }
        return wav.array();
    }
}
