package io.callrec.gateway.sip.metadata;

import java.util.Map;

/**
 * What the rs-metadata says about each stream, by SDP label: who sends on it and who receives it.
 * {@link #NONE} when the request carried no metadata, or none we could read.
 */
public record RecordingMetadata(Map<String, Participant> senderByLabel, Map<String, Participant> receiverByLabel) {
    public static final RecordingMetadata NONE = new RecordingMetadata(Map.of(), Map.of());

    public Participant sender(String label) {
        return label == null ? null : senderByLabel.get(label);
    }

    public Participant receiver(String label) {
        return label == null ? null : receiverByLabel.get(label);
    }
}
