package io.callrec.gateway.sip.session;

import io.callrec.gateway.sip.metadata.Participant;
import io.callrec.gateway.sip.metadata.RecordingMetadata;

/**
 * Who the catalog shows as a session's local and remote party: the local one sends on channel 0 (the metadata
 * names senders by label, never by position), the remote one sends on channel 1, or receives channel 0 when the
 * recording is mono. Fields are null when the metadata does not say.
 */
record Parties(String localNumber, String localName, String remoteNumber, String remoteName) {

    /** @param channel1Label null when the recording has one channel */
    static Parties of(RecordingMetadata metadata, String channel0Label, String channel1Label, boolean stereo) {
        Participant local = metadata.sender(channel0Label);
        Participant remote = stereo ? metadata.sender(channel1Label) : metadata.receiver(channel0Label);
        return new Parties(local == null ? null : local.number(), local == null ? null : local.name(),
                remote == null ? null : remote.number(), remote == null ? null : remote.name());
    }
}
