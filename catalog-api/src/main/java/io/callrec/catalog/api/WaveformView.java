package io.callrec.catalog.api;

import io.callrec.catalog.audio.Waveform;

/** A recording's waveform as the page draws it: one array of peaks (0..1) per channel. */
public record WaveformView(int channels, long durationMs, double[][] peaks) {
    public static WaveformView of(Waveform waveform) {
        return new WaveformView(waveform.channels(), waveform.durationMs(), waveform.peaks());
    }
}
