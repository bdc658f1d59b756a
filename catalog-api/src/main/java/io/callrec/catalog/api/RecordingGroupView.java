package io.callrec.catalog.api;

import io.callrec.catalog.domain.RecordingGroup;
import java.util.List;

/** A user's recordings group as admins read and write it. */
public record RecordingGroupView(String user, List<String> devices, List<String> extensions) {
    public static RecordingGroupView of(RecordingGroup group) {
        return new RecordingGroupView(group.userName, List.of(group.devices), List.of(group.extensions));
    }
}
