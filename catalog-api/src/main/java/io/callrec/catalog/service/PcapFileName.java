package io.callrec.catalog.service;

import io.callrec.contracts.DeviceId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PBX puts in the name of an uploaded capture: {@code <call-guid>-<device-mac>-<n>--<user>.pcap}, e.g.
 * {@code f9e5956e47d460010630009033302ab1-009033302ab1-11--username.pcap}. Only metadata: the name never becomes
 * a key or a path.
 *
 * @param callId the call's id (the recording's session id)
 * @param device the phone's MAC, normalised
 * @param user   the PBX user name
 */
public record PcapFileName(String callId, String device, String user) {
    private static final Pattern NAME = Pattern.compile(
            "([0-9A-Fa-f]{16,64})-([0-9A-Fa-f]{12})-(\\d+)--(.+)\\.pcap(ng)?");

    public static Optional<PcapFileName> parse(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PcapFileName(matcher.group(1).toLowerCase(java.util.Locale.ROOT),
                DeviceId.normalize(matcher.group(2)), matcher.group(4)));
    }
}
