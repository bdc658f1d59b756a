package io.callrec.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * The least a program can do with the streams: one UDP socket per port on 127.0.0.1 with rtp-ingest's receive
 * buffer size, one selector thread that reads every datagram and counts it per port. What this receives with no
 * loss is the machine's ceiling for rtp-ingest.
 */
final class BareUdpReceiver implements AutoCloseable {
    /** rtp-ingest asks for this receive buffer per socket (the kernel doubles it). */
    private static final int RECEIVE_BUFFER_BYTES = 128 * 1024;

    private final Selector selector;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final long[] counts;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile long received;

    /** Binds ports {@code firstPort .. firstPort + sockets - 1} and starts reading. */
    BareUdpReceiver(int firstPort, int sockets) throws IOException {
        selector = Selector.open();
        counts = new long[sockets];
        try {
            for (int i = 0; i < sockets; i++) {
                DatagramChannel channel = DatagramChannel.open();
                channels.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                channel.bind(new InetSocketAddress("127.0.0.1", firstPort + i));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, i);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        reader = new Thread(this::read, "bare-udp-receiver");
        reader.start();
    }

    List<InetSocketAddress> addresses() throws IOException {
        List<InetSocketAddress> addresses = new ArrayList<>(channels.size());
        for (DatagramChannel channel : channels) {
            addresses.add((InetSocketAddress) channel.getLocalAddress());
        }
        return addresses;
    }

    /** Datagrams received so far, all ports. */
    long received() {
        return received;
    }

    /** Datagrams received per port, in port order; call after {@link #close()}. */
    long[] counts() {
        return counts.clone();
    }

    /** CPU time of the reading thread so far. */
    long cpuNanos() {
        return PacedStreams.threadCpuNanos(reader);
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        long total = 0;
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    int index = (Integer) key.attachment();
                    while (channel.receive(buffer.clear()) != null) {
                        counts[index]++;
                        total++;
                    }
                }
                selector.selectedKeys().clear();
                received = total;
            }
        } catch (IOException e) {
            System.err.println("bare UDP receiver stopped: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        if (reader != null) {
            selector.wakeup();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (DatagramChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
