package io.callrec.gateway.sip.metadata;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the rs-metadata says about each stream, by SDP label: who sends on it and who receives it.
 * {@link #NONE} when the request carried no metadata, or none we could read.
 */
public record RecordingMetadata(Map<String, Participant> senderByLabel, Map<String, Participant> receiverByLabel) {
    public static final RecordingMetadata NONE = new RecordingMetadata(Map.of(), Map.of());

    /** Every participant's number the metadata ties to a stream. */
    public Set<String> numbers() {
        Set<String> numbers = new HashSet<>();
        Stream.concat(senderByLabel.values().stream(), receiverByLabel.values().stream())
                .map(Participant::number).filter(Objects::nonNull).forEach(numbers::add);
        return numbers;
    }

    public Participant sender(String label) {
        return label == null ? null : senderByLabel.get(label);
    }

    public Participant receiver(String label) {
        return label == null ? null : receiverByLabel.get(label);
    }
}
