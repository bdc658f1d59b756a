package io.callrec.gateway.sip.session;

import io.callrec.contracts.Codec;
import io.callrec.gateway.service.RecordingStream;

/**
 * One offered stream being recorded as one channel of the session's recording: its label (or position, when it
 * has none), the codec it was accepted with (kept for the whole session), its port, and whether it is on hold
 * (the client sends nothing on it: a hold, or an offer we answered with port 0).
 */
record RecordedStream(String key, Codec codec, int channel, RecordingStream stream, boolean held) {

    RecordedStream held(boolean on) {
        return new RecordedStream(key, codec, channel, stream, on);
    }
}
