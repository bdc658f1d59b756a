package io.callrec.simulator.call;

import java.util.Objects;

/** The numbers and display names a phone reports for a call; names may be in any script. */
public record CallParties(String localNumber, String localName, String remoteNumber, String remoteName) {
    public CallParties {
        Objects.requireNonNull(localNumber, "localNumber");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(remoteNumber, "remoteNumber");
        Objects.requireNonNull(remoteName, "remoteName");
    }
}
