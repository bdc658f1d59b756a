package io.callrec.gateway.control;

import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;

/**
 * A request read from a phone's control connection. Optional text fields are null when the phone
 * left them out or sent them empty.
 */
public sealed interface ControlMessage permits ControlMessage.RecordStartRequest, ControlMessage.RecordStopRequest {

    /** The phone's session id (random, fixed for the recording, not unique across phones). */
    String id();

    ControlCommand command();

    /**
     * {@code cmd=RecordStartRequest}: the phone wants a UDP port to stream a call to.
     *
     * @param device the phone's MAC address, as sent
     */
    record RecordStartRequest(String id, String device, CallDirection direction, Codec codec,
                              String remoteNumber, String remoteName, String localNumber, String localName)
            implements ControlMessage {
        @Override
        public ControlCommand command() {
            return ControlCommand.RECORD_START;
        }
    }

    /**
     * {@code cmd=RecordStopRequest}: the phone stopped streaming.
     *
     * @param reason the phone's own reason text, null when absent
     */
    record RecordStopRequest(String id, String remoteNumber, String remoteName, String localNumber,
                             String localName, String reason) implements ControlMessage {
        @Override
        public ControlCommand command() {
            return ControlCommand.RECORD_STOP;
        }
    }
}
