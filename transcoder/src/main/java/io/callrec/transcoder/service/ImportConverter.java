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
import io.callrec.transcoder.audio.timeline.ChannelAligner;
import io.callrec.transcoder.audio.timeline.ChannelAligner.AlignedWav;
import io.callrec.transcoder.audio.timeline.TimelineFigures;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        // Each direction one channel, aligned by capture time (the uploader's word, so the lead-in is bounded).
        ChannelAligner aligner = new ChannelAligner(wavFile, channels.size(), settings);
        AlignedWav wav;
        try {
            for (PcapChannel channel : channels) {
                aligner.open(channel.index(), channel.codec());
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(capture))) {
                PcapCallFrames frames = call.frames(in);
                for (ChannelFrame f = frames.next(); f != null; f = frames.next()) {
                    aligner.add(f.channel(), f.frame());
                }
            }
            wav = aligner.finish();
        } catch (IOException | RuntimeException e) {
            aligner.discard();
            throw e;
        }
        List<String> warnings = new ArrayList<>(call.warnings());
        if (wav.cutAtWavLimit()) {
            warnings.add(AssembledRecording.CUT_AT_WAV_LIMIT);
        }
        return assembled(request, wavFile, wav.sampleRate(), wav.channels(), wav.codecs(), wav.figures(), warnings);
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
