package io.callrec.gateway.service;

/** Whoever holds recordings open for a phone (its control connection). */
public interface RecordingOwner {
    /**
     * The recording ended without the phone asking (its ingest was lost) and its stopped event is on its way;
     * the owner lets the phone know. Called on any thread.
     */
    void recordingLost(OpenRecording recording);

    /**
     * The recording ended at its ingest without the owner asking (an RTP timeout: the client went silent) and its
     * stopped event is on its way. Called on any thread. A phone's connection needs nothing: its stop, should it
     * come, finds the recording ended.
     */
    default void recordingEndedAtIngest(OpenRecording recording) {
    }
}
