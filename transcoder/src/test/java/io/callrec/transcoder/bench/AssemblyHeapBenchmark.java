package io.callrec.transcoder.bench;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.callrec.transcoder.service.RecordingAssembly;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Whether the transcoder's memory per open recording stays flat as calls get longer: {@code recordings} streamed
 * recordings are open side by side and fed one-second frame batches (50 frames of 20 ms PCMA, encoded and decoded
 * as the frame consumer reads them) round by round; at each checkpoint (minutes of audio per recording) the heap
 * after a full GC and the direct buffers in use are taken, minus the same before the recordings were opened, per
 * recording. Not a test: run by {@code benchmarks/transcoder-heap-benchmark.sh}.
 *
 * <p>Arguments: a scratch directory (the spool; emptied at the end), the number of recordings (default 500), the
 * checkpoints in minutes (default 1,2,4).
 */
public final class AssemblyHeapBenchmark {
    private static final int FRAMES_PER_BATCH = 50;
    private static final int PAYLOAD_BYTES = 160;
    private static final long STARTED_AT_MILLIS = 1_763_900_000_000L;

    public static void main(String[] args) throws IOException {
        Path spool = Files.createDirectories(Path.of(args[0]));
        int recordings = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int[] checkpoints = Arrays.stream((args.length > 2 ? args[2] : "1,2,4").split(","))
                .mapToInt(Integer::parseInt).sorted().toArray();
        TimelineSettings settings = new TimelineSettings(50, 60_000);

        long heapBefore = heapAfterGc();
        long directBefore = directBytes();
        List<RecordingAssembly> open = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int r = 0; r < recordings; r++) {
            ids.add(UUID.randomUUID());
        }
        System.out.printf("%d recordings open side by side, PCMA, one-second batches%n%n", recordings);
        System.out.println("| minutes of audio per recording | heap KB per recording | direct buffers KB per recording |");
        System.out.println("| ---: | ---: | ---: |");
        int second = 0;
        for (int minutes : checkpoints) {
            for (; second < minutes * 60; second++) {
                for (int r = 0; r < recordings; r++) {
                    FrameBatch batch = FrameBatchCodec.decode(FrameBatchCodec.encode(batch(ids.get(r), second)));
                    if (second == 0) {
                        open.add(RecordingAssembly.open(batch, spool, settings));
                    }
                    open.get(r).add(batch);
                }
            }
            System.out.printf("| %d | %.1f | %.1f |%n", minutes,
                    (heapAfterGc() - heapBefore) / 1024.0 / recordings,
                    (directBytes() - directBefore) / 1024.0 / recordings);
        }
        for (RecordingAssembly assembly : open) {
            assembly.discard();
        }
    }

    /** Second {@code second} of a recording: 50 frames numbered on from the previous batch's. */
    private static FrameBatch batch(UUID id, int second) {
        List<RtpFrame> frames = new ArrayList<>(FRAMES_PER_BATCH);
        byte[] payload = new byte[PAYLOAD_BYTES];
        Arrays.fill(payload, (byte) 0xD5); // A-law silence
        for (int i = 0; i < FRAMES_PER_BATCH; i++) {
            long n = (long) second * FRAMES_PER_BATCH + i;
            frames.add(new RtpFrame((int) (n & 0xFFFF), (n * PAYLOAD_BYTES) & 0xFFFF_FFFFL, Codec.PCMA.payloadType(),
                    n == 0, 0x11223344L, (STARTED_AT_MILLIS + n * 20) * 1000, payload));
        }
        return new FrameBatch(id, Codec.PCMA, second, STARTED_AT_MILLIS, frames, false, StreamCounters.NONE, null);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
