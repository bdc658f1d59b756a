package io.callrec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the kernel drops datagrams before any program sees them (Linux, whole machine): a socket's receive buffer
 * full ({@code RcvbufErrors} in {@code /proc/net/snmp}), the per-CPU input backlog full (second column of
 * {@code /proc/net/softnet_stat}, which loopback traffic passes through too), and no socket on the port any more
 * ({@code NoPorts}). Datagrams still queued in a socket when it is closed are freed without being counted anywhere.
 *
 * @param receiveBufferFull datagrams dropped because a socket's receive buffer was full
 * @param backlogFull       packets dropped because a CPU's input backlog was full
 * @param noSocket          datagrams to a port without a socket
 */
record KernelUdpCounters(long receiveBufferFull, long backlogFull, long noSocket) {

    static KernelUdpCounters read() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp: ")).toList();
            List<String> names = List.of(udp.get(0).split(" "));
            String[] values = udp.get(1).split(" ");
            return new KernelUdpCounters(Long.parseLong(values[names.indexOf("RcvbufErrors")]), backlogDrops(),
                    Long.parseLong(values[names.indexOf("NoPorts")]));
        } catch (IOException | RuntimeException unreadable) {
            return new KernelUdpCounters(0, 0, 0);
        }
    }

    KernelUdpCounters since(KernelUdpCounters earlier) {
        return new KernelUdpCounters(receiveBufferFull - earlier.receiveBufferFull, backlogFull - earlier.backlogFull,
                noSocket - earlier.noSocket);
    }

    /** As a table cell: receive buffer full / backlog full / no socket. */
    String cell() {
        return receiveBufferFull + "/" + backlogFull + "/" + noSocket;
    }

    private static long backlogDrops() throws IOException {
        long dropped = 0;
        for (String cpu : Files.readAllLines(Path.of("/proc/net/softnet_stat"))) {
            dropped += Long.parseLong(cpu.trim().split("\\s+")[1], 16);
        }
        return dropped;
    }
}
