package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SIPREC call made by SIPp (Debian's {@code sip-tester}) with our scenario {@code deploy/sip/siprec-basic-call.xml},
 * each stream's audio sent by ffmpeg through {@code deploy/sip/send-alaw.sh}: a recording client we did not write.
 * Its folder keeps the audio files it sent and every log (SIPp's messages and errors, each ffmpeg's output).
 */
final class SippCall {
    /** The files the scenario sends, by name: A-law bytes for each labelled stream before and after the hold. */
    static final List<String> MEDIA = List.of("label1-before.alaw", "label2-before.alaw", "label1-after.alaw",
            "label2-after.alaw");

    private final String callId;
    private final Path folder;
    private final Process sipp;

    private SippCall(String callId, Path folder, Process sipp) {
        this.callId = callId;
        this.folder = folder;
        this.sipp = sipp;
    }

    /**
     * Writes the media into {@code folder} and starts SIPp against {@code host:sipPort}.
     *
     * @param transport SIPp's {@code -t}: {@code u1} (UDP) or {@code t1} (TCP)
     * @param media     the bytes of each file of {@link #MEDIA}
     */
    static SippCall start(Path projectRoot, String host, int sipPort, String transport, String callId, Path folder,
                          Map<String, byte[]> media) throws IOException {
        Files.createDirectories(folder);
        for (String name : MEDIA) {
            Files.write(folder.resolve(name), media.get(name));
        }
        Path sip = projectRoot.resolve("deploy/sip");
        List<String> command = new ArrayList<>(List.of("sipp", host + ":" + sipPort,
                "-sf", sip.resolve("siprec-basic-call.xml").toString(), "-t", transport, "-i", host,
                "-m", "1", "-l", "1", "-cid_str", callId,
                "-set", "send", sip.resolve("send-alaw.sh").toString(), "-set", "media", folder.toString(),
                "-timeout", "60s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", folder.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", folder.resolve("messages.log").toString()));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sipp.out").toFile()).start();
        return new SippCall(callId, folder, process);
    }

    String callId() {
        return callId;
    }

    /**
     * Waits for SIPp to finish the scenario (every expected answer came: exit status 0) and for every ffmpeg it
     * started to have sent its file (exit status 0); fails with their logs otherwise.
     */
    void awaitCompleted(Duration within) throws Exception {
        boolean exited = sipp.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            sipp.destroyForcibly();
        }
        assertThat(exited && sipp.exitValue() == 0).as("SIPp %s call %s %s:%n%s", exited ? "ended" : "still running",
                callId, exited ? "with exit status " + sipp.exitValue() : "after " + within, logs()).isTrue();
        for (String name : MEDIA) {
            Path status = folder.resolve(name + ".rc");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(status));
            assertThat(Files.readString(status).trim()).as("ffmpeg sending %s: %s", name,
                    read(folder.resolve(name + ".log"))).isEqualTo("0");
        }
    }

    private String logs() {
        return String.join("\n", "--- sipp output", read(folder.resolve("sipp.out")), "--- errors",
                read(folder.resolve("errors.log")), "--- messages", read(folder.resolve("messages.log")));
    }

    private static String read(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(none)";
            }
            String text = Files.readString(file);
            return text.length() <= 6_000 ? text : "..." + text.substring(text.length() - 6_000);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
