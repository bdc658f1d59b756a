package io.callrec.catalog.api;

import java.util.List;

/** The recordings in progress when the live view connected. */
public record LiveSnapshotView(List<LiveRecordingView> recordings) {
}
