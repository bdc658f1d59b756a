package io.callrec.catalog.api;

import io.callrec.catalog.domain.Recording;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A file name people recognise, e.g. {@code 2024-05-01_10-15-30_out_1001_Alice_0312345678_山田太郎.wav}, and the
 * Content-Disposition that carries it: RFC 6266 {@code filename*} in UTF-8 for names in any script, with an ASCII
 * {@code filename} for old clients.
 */
public final class RecordingFileName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private RecordingFileName() {
    }

    public static String of(Recording recording) {
        List<String> parts = new ArrayList<>();
        if (recording.startedAt != null) {
            parts.add(STAMP.format(recording.startedAt));
        }
        for (String part : new String[] {recording.direction, recording.localNumber, recording.localName,
                recording.remoteNumber, recording.remoteName}) {
            String clean = part == null ? "" : safe(part);
            if (!clean.isEmpty()) {
                parts.add(clean);
            }
        }
        if (parts.isEmpty()) {
            parts.add(recording.id.toString());
        }
        return String.join("_", parts) + ".wav";
    }

    /** {@code inline} to play in the browser, {@code attachment} to save. */
    public static String contentDisposition(Recording recording, boolean attachment) {
        String name = of(recording);
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** Drops what file systems refuse or misread: separators, reserved characters, controls, spaces. */
    private static String safe(String text) {
        return text.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}\\s]+", "-").replaceAll("^[.-]+|[.-]+$", "");
    }
}
