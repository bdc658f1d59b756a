package io.callrec.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A minimal stand-in for callrec's control gateway and RTP ingest, on real sockets: answers start
 * and stop lines, notes how each session ended, and receives RTP on one UDP port.
 */
public final class FakeRecorder implements AutoCloseable {
    private final ServerSocket control;
    private final DatagramChannel rtp;
    private final boolean keepDatagrams;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<byte[]> datagrams = new CopyOnWriteArrayList<>();
    private final AtomicLong datagramCount = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, String> endings = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile String refusal;

    private FakeRecorder(boolean keepDatagrams) throws IOException {
        this.keepDatagrams = keepDatagrams;
        control = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        rtp = DatagramChannel.open();
        rtp.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        rtp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        rtp.configureBlocking(false);
        daemon("fake-recorder-accept", this::accept);
        daemon("fake-recorder-rtp", this::receive);
    }

    /**
     * Runs a counting recorder as its own process, for measuring the simulator's capacity without
     * the recorder sharing its JVM: prints the control port, then the datagrams received each
     * second, until killed.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        try (FakeRecorder recorder = counting()) {
            System.out.println("control port " + recorder.controlAddress().getPort());
            for (long last = 0; ; ) {
                Thread.sleep(1000);
                long now = recorder.datagramCount();
                System.out.println("received " + now + " datagrams (" + (now - last) + "/s)");
                last = now;
            }
        }
    }

    /** Keeps every datagram it receives, for tests that look at them. */
    public static FakeRecorder start() throws IOException {
        return new FakeRecorder(true);
    }

    /** Only counts datagrams, for load measurements. */
    public static FakeRecorder counting() throws IOException {
        return new FakeRecorder(false);
    }

    public InetSocketAddress controlAddress() {
        return (InetSocketAddress) control.getLocalSocketAddress();
    }

    /** Where it receives RTP. */
    public InetSocketAddress rtpAddress() {
        try {
            return (InetSocketAddress) rtp.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on, answers every start with {@code result=failed&reason=<reason>}. */
    public void refuseStarts(String reason) {
        refusal = reason;
    }

    /** Every control line received, as it came over the wire, without its terminator. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> linesStartingWith(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    public List<byte[]> datagrams() {
        return List.copyOf(datagrams);
    }

    public long datagramCount() {
        return datagramCount.get();
    }

    public int connections() {
        return connections.get();
    }

    /** How each session ended, by its id: {@code normal} after a stop, {@code socket-error} after a drop. */
    public Map<String, String> endings() {
        return Map.copyOf(endings);
    }

    @Override
    public void close() throws IOException {
        control.close();
        rtp.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!control.isClosed()) {
            try {
                Socket socket = control.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                daemon("fake-recorder-phone", () -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Set<String> open = new HashSet<>();
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                String id = field(line, "id");
                String answer;
                if (line.startsWith("cmd=RecordStartRequest")) {
                    String refused = refusal;
                    if (refused != null) {
                        answer = "cmd=RecordStartResponse&id=" + id + "&result=failed&reason=" + refused;
                    } else {
                        open.add(id);
                        answer = "cmd=RecordStartResponse&id=" + id + "&result=success&server=127.0.0.1&port="
                                + rtpAddress().getPort();
                    }
                } else {
                    open.remove(id);
                    endings.put(id, field(line, "reason"));
                    answer = "cmd=RecordStopResponse&id=" + id + "&result=success";
                }
                out.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // A reset connection ends its sessions like a closed one.
        }
        open.forEach(id -> endings.put(id, "socket-error"));
    }

    /**
     * Drains the socket every millisecond rather than blocking in receive: a blocked reader is
     * woken by every datagram, and on loopback that wake-up preempts the sender, so the sink
     * rather than the simulator would set the measured capacity.
     */
    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (rtp.isOpen()) {
            try {
                buffer.clear();
                if (rtp.receive(buffer) == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                datagramCount.incrementAndGet();
                if (keepDatagrams) {
                    datagrams.add(Arrays.copyOf(buffer.array(), buffer.position()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String field(String line, String key) {
        for (String pair : line.split("&")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        return "";
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
