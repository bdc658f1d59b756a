package io.callrec.gateway.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The streams of an SDP offer (RFC 4566), in the order of their {@code m=} lines. Plain Java. */
public final class SdpOffer {
    private static final int MAX_STREAMS = 16;

    private SdpOffer() {
    }

    public static List<OfferedStream> parse(byte[] sdp) throws SdpException {
        String text = new String(sdp, StandardCharsets.UTF_8);
        String sessionAddress = null;
        List<Builder> streams = new ArrayList<>();
        boolean versionSeen = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2).trim();
            Builder current = streams.isEmpty() ? null : streams.get(streams.size() - 1);
            switch (type) {
                case 'v' -> versionSeen = true;
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (current == null) {
                        sessionAddress = address;
                    } else {
                        current.address = address;
                    }
                }
                case 'm' -> {
                    if (streams.size() == MAX_STREAMS) {
                        throw new SdpException("more than " + MAX_STREAMS + " m= lines");
                    }
                    streams.add(media(value));
                }
                case 'a' -> {
                    if (current != null) {
                        current.attribute(value);
                    }
                }
                default -> { }
            }
        }
        if (!versionSeen || streams.isEmpty()) {
            throw new SdpException("not an SDP offer with media");
        }
        List<OfferedStream> offered = new ArrayList<>(streams.size());
        for (Builder b : streams) {
            offered.add(new OfferedStream(b.media, b.port, b.protocol, b.formats, b.label,
                    b.address != null ? b.address : sessionAddress, b.direction, Map.copyOf(b.encodings)));
        }
        return offered;
    }

    private static String connectionAddress(String value) {
        String[] parts = value.split("\\s+");
        if (parts.length < 3) {
            return null;
        }
        String address = parts[2];
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static Builder media(String value) throws SdpException {
        String[] parts = value.split("\\s+");
        if (parts.length < 4) {
            throw new SdpException("m= line needs media, port, protocol and a format");
        }
        Builder b = new Builder();
        b.media = parts[0].toLowerCase(Locale.ROOT);
        try {
            String port = parts[1];
            int slash = port.indexOf('/');
            b.port = Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new SdpException("m= line with a bad port");
        }
        if (b.port < 0 || b.port > 65535) {
            throw new SdpException("m= line with a bad port");
        }
        b.protocol = parts[2];
        b.formats = List.of(parts).subList(3, parts.length);
        return b;
    }

    private static final class Builder {
        String media;
        int port;
        String protocol;
        List<String> formats;
        String label;
        String address;
        String direction = "sendrecv";
        final Map<String, String> encodings = new HashMap<>();

        void attribute(String value) {
            int colon = value.indexOf(':');
            String name = (colon < 0 ? value : value.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String argument = colon < 0 ? "" : value.substring(colon + 1).trim();
            switch (name) {
                case "label" -> label = argument;
                case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = name;
                case "rtpmap" -> {
                    String[] parts = argument.split("\\s+", 2);
                    if (parts.length == 2) {
                        String encoding = parts[1].split("/", 2)[0].toUpperCase(Locale.ROOT);
                        encodings.put(parts[0], encoding);
                    }
                }
                default -> { }
            }
        }
    }
}
