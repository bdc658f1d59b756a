package io.callrec.transcoder.service;

import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.WavWriter;
import io.callrec.transcoder.audio.imports.ChannelFrame;
import io.callrec.transcoder.audio.imports.ImportRejectedException;
import io.callrec.transcoder.audio.imports.PcapCall;
import io.callrec.transcoder.audio.imports.PcapCallFrames;
import io.callrec.transcoder.audio.imports.PcapChannel;
import io.callrec.transcoder.audio.imports.RtpStreamExtractor;
import io.callrec.transcoder.audio.imports.UsbRolloverSet;
import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineFigures;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns imported files, already copied to the spool folder, into a WAV there: phone USB files (one call,
 * possibly rolled over several files) into mono; a PCAP capture into stereo, one direction per channel aligned
 * by capture time (mono when only one direction was captured). Plain Java over the parsers, timeline and WAV
 * writer; the caller uploads and announces the result.
 */
final class ImportConverter {
    private final TimelineSettings settings;

    ImportConverter(TimelineSettings settings) {
        this.settings = settings;
    }

    AssembledRecording convert(ImportRequest request, List<Path> files, Path spoolDir)
            throws IOException, ImportRejectedException {
        Path wav = spoolDir.resolve(request.recordingId() + ".wav");
        return ImportRequest.PCAP.equals(request.kind()) ? pcap(request, files, wav) : usb(request, files, wav);
    }

    private AssembledRecording usb(ImportRequest request, List<Path> files, Path wavFile)
            throws IOException, ImportRejectedException {
        List<UsbRolloverSet.Part> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = i < request.fileNames().size() ? request.fileNames().get(i) : "";
            parts.add(new UsbRolloverSet.Part(name, Files.size(file), () -> Files.newInputStream(file)));
        }
        try (UsbRolloverSet set = UsbRolloverSet.open(parts, request.startedAt().toEpochMilli() * 1000)) {
            TimelineFigures figures;
            try (WavWriter wav = new WavWriter(wavFile, set.codec().sampleRate(), 1)) {
                CallTimeline timeline = new CallTimeline(set.codec(), settings, wav::write);
                for (RtpFrame frame = set.next(); frame != null; frame = set.next()) {
                    timeline.add(frame);
                }
                figures = timeline.finish();
            }
            return assembled(request, wavFile, set.codec().sampleRate(), 1, set.codec().name(), figures,
                    set.warnings());
        }
    }

    private AssembledRecording pcap(ImportRequest request, List<Path> files, Path wavFile)
            throws IOException, ImportRejectedException {
        Path capture = files.get(0);
        PcapCall call;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(capture))) {
            call = RtpStreamExtractor.scan(in);
        }
        List<PcapChannel> channels = call.channels();
        if (channels.isEmpty()) {
            throw new ImportRejectedException("the capture holds no RTP audio stream");
        }
        int sampleRate = channels.stream().mapToInt(c -> c.codec().sampleRate()).max().orElseThrow();
        List<Path> pcm = new ArrayList<>();
        List<TimelineFigures> figures = new ArrayList<>();
        try {
            // Each direction is rebuilt on its own into raw PCM, then the two are interleaved.
            List<DataOutputStream> outs = new ArrayList<>();
            List<CallTimeline> timelines = new ArrayList<>();
            for (PcapChannel channel : channels) {
                Path raw = wavFile.resolveSibling(wavFile.getFileName() + ".ch" + channel.index());
                pcm.add(raw);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(raw)));
                outs.add(out);
                int factor = sampleRate / channel.codec().sampleRate();
                // Align by capture time: silence before a direction's first packet, no longer than any other gap
                // (capture times are the uploader's word).
                long leadMicros = Math.min(channel.firstCaptureMicros() - call.startMicros(),
                        settings.maxGapMillis() * 1000);
                long leadSamples = leadMicros * channel.codec().sampleRate() / 1_000_000;
                writeSilence(out, leadSamples * factor);
                timelines.add(new CallTimeline(channel.codec(), settings, (s, off, len) -> {
                    for (int i = off; i < off + len; i++) {
                        for (int k = 0; k < factor; k++) { // an 8 kHz direction beside a 16 kHz one: repeat
                            out.writeShort(s[i]);
                        }
                    }
                }));
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(capture))) {
                PcapCallFrames frames = call.frames(in);
                for (ChannelFrame f = frames.next(); f != null; f = frames.next()) {
                    timelines.get(f.channel()).add(f.frame());
                }
            }
            for (int i = 0; i < timelines.size(); i++) {
                figures.add(timelines.get(i).finish());
                outs.get(i).close();
            }
            interleave(pcm, wavFile, sampleRate);
        } finally {
            for (Path raw : pcm) {
                Files.deleteIfExists(raw);
            }
        }
        String codecs = channels.stream().map(c -> c.codec().name()).distinct().collect(Collectors.joining("+"));
        return assembled(request, wavFile, sampleRate, channels.size(), codecs, sum(figures), call.warnings());
    }

    private static void writeSilence(DataOutputStream out, long samples) throws IOException {
        for (long i = 0; i < samples; i++) {
            out.writeShort(0);
        }
    }

    /** Writes the channels side by side; the shorter one is padded with silence. */
    private static void interleave(List<Path> channels, Path wavFile, int sampleRate) throws IOException {
        List<DataInputStream> ins = new ArrayList<>();
        try (WavWriter wav = new WavWriter(wavFile, sampleRate, channels.size())) {
            for (Path channel : channels) {
                ins.add(new DataInputStream(new BufferedInputStream(Files.newInputStream(channel))));
            }
            short[] frame = new short[channels.size()];
            while (true) {
                boolean any = false;
                for (int c = 0; c < ins.size(); c++) {
                    try {
                        frame[c] = ins.get(c).readShort();
                        any = true;
                    } catch (EOFException ended) {
                        frame[c] = 0;
                    }
                }
                if (!any) {
                    break;
                }
                wav.write(frame, 0, frame.length);
            }
        } finally {
            for (DataInputStream in : ins) {
                in.close();
            }
        }
    }

    /** Both directions' packet figures together; duration and samples are the WAV's. */
    private static TimelineFigures sum(List<TimelineFigures> all) {
        long received = 0;
        long lost = 0;
        long duplicate = 0;
        long late = 0;
        long ignored = 0;
        long concealed = 0;
        for (TimelineFigures f : all) {
            received += f.packetsReceived();
            lost += f.packetsLost();
            duplicate += f.packetsDuplicate();
            late += f.packetsLate();
            ignored += f.packetsIgnored();
            concealed += f.concealedMillis();
        }
        return new TimelineFigures(received, lost, duplicate, late, ignored, concealed, 0, 0);
    }

    private static AssembledRecording assembled(ImportRequest request, Path wavFile, int sampleRate, int channels,
                                                String codec, TimelineFigures figures, List<String> warnings) throws IOException {
        long frames = (Files.size(wavFile) - 44) / (2L * channels);
        long durationMillis = frames * 1000 / sampleRate;
        TimelineFigures withDuration = new TimelineFigures(figures.packetsReceived(), figures.packetsLost(),
                figures.packetsDuplicate(), figures.packetsLate(), figures.packetsIgnored(), figures.concealedMillis(),
                frames * channels, durationMillis);
        Instant endedAt = request.startedAt().plusMillis(durationMillis);
        String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
        return new AssembledRecording(request.recordingId(), request.startedAt(), endedAt, wavFile, sampleRate,
                channels, codec, withDuration, 0, null, warning);
    }
}
