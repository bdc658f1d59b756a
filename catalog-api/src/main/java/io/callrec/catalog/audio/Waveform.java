package io.callrec.catalog.audio;

/**
 * What a player draws for a recording: per channel, the peak absolute amplitude (0..1, two decimals) of each of
 * a fixed number of equal slices of the recording.
 *
 * @param channels   the WAV's channel count
 * @param durationMs the audio's length
 * @param peaks      one array per channel, all of the same length
 */
public record Waveform(int channels, long durationMs, double[][] peaks) {
}
