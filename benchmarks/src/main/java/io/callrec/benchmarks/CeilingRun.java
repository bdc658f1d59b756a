package io.callrec.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** One step of the ceiling: the benchmark's sender against {@link BareUdpReceiver} on the ingest's ports. */
final class CeilingRun {
    private final int firstPort;

    CeilingRun(int firstPort) {
        this.firstPort = firstPort;
    }

    CeilingResult run(int streams, int seconds) throws IOException, InterruptedException {
        try (BareUdpReceiver receiver = new BareUdpReceiver(firstPort, streams)) {
            List<PacedStreams.Stream> load = new ArrayList<>(streams);
            List<InetSocketAddress> addresses = receiver.addresses();
            for (int i = 0; i < streams; i++) {
                load.add(new PacedStreams.Stream(addresses.get(i), IngestRun.codecOf(i)));
            }
            KernelUdpCounters kernelBefore = KernelUdpCounters.read();
            CpuWindow window = CpuWindow.open(0);
            long receiverCpuBefore = receiver.cpuNanos();
            PacedStreams.Outcome sending = PacedStreams.send(load, seconds, () -> { });
            Arrivals.await(receiver::received, sending.totalSent());
            long receiverCpu = receiver.cpuNanos() - receiverCpuBefore;
            CpuWindow.Usage cpu = window.close();
            KernelUdpCounters kernel = KernelUdpCounters.read().since(kernelBefore);
            receiver.close();
            long[] counts = receiver.counts();
            return new CeilingResult(streams, sending, receiver.received(), StreamLoss.of(sending.sent(), counts),
                    receiverCpu, cpu, kernel);
        }
    }
}
