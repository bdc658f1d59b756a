package io.callrec.gateway.sip.session;

import io.callrec.contracts.Codec;
import io.callrec.gateway.service.OpenRecording;

/** One offered stream being recorded: its label (or position, when it has none) and its recording. */
record RecordedStream(String key, Codec codec, OpenRecording recording) {
}
