package io.callrec.gateway.service;

/** Whoever holds recordings open for a phone (its control connection). */
public interface RecordingOwner {
    /**
     * The recording ended without the phone asking (its ingest was lost) and its stopped event is on its way;
     * the owner lets the phone know. Called on any thread.
     */
    void recordingLost(OpenRecording recording);
}
