package io.callrec.catalog.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A real RIFF PCM WAV (16-bit mono, 8 kHz) with a tone, so range tests compare actual audio bytes. */
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
}
