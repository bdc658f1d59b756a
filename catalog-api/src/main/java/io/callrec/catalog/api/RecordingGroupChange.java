package io.callrec.catalog.api;

import java.util.List;

/** The body of {@code PUT /api/v1/groups/{user}}: the devices (any MAC spelling) and extensions to assign. */
public record RecordingGroupChange(List<String> devices, List<String> extensions) {
}
