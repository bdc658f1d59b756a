package io.callrec.simulator.rtp;

import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.speech.SpeechClip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces the RTP of every active call from one scheduler thread and one UDP socket.
 *
 * <p>Each packet interval is cut into {@link #SLOTS} slots; a new call joins the least busy slot
 * and from then on sends one packet each time its slot comes round. Calls are thus spread over
 * the interval like real phones instead of bursting together, and the thread wakes once per slot
 * (every millisecond in real time) whatever the number of calls. Sharing a socket is fine: the recorder
 * checks the phone's IP address, not its port. Sends block when the socket buffer is full, which
 * shows up as late sends rather than silent loss.
 */
public final class RtpSender implements AutoCloseable {
    private static final int SLOTS = 20;
    private static final int SOCKET_SEND_BUFFER = 4 << 20;
    private static final int INITIAL_SLOT_CAPACITY = 16;

    private final DatagramChannel channel;
    private final PacketWire wire;
    private final long slotNanos;
    private final Queue<CallStream> joining = new ConcurrentLinkedQueue<>();
    private final CallStream[][] slots = new CallStream[SLOTS][INITIAL_SLOT_CAPACITY];
    private final int[] slotSizes = new int[SLOTS];
    private final Thread scheduler;
    private volatile boolean running = true;

    // Written by the scheduler once per wake-up, read by progress reporting.
    private volatile long datagramsSent;
    private volatile long lateSends;

    private RtpSender(Pacing pacing, DatagramChannel channel) {
        this.channel = channel;
        this.wire = new PacketWire(channel, pacing.lateThresholdNanos());
        this.slotNanos = pacing.packetIntervalNanos() / SLOTS;
        this.scheduler = new Thread(this::schedule, "rtp-sender");
        scheduler.setDaemon(true);
    }

    /** Opens the UDP socket and starts the scheduler thread. */
    public static RtpSender start(Pacing pacing) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_SEND_BUFFER);
        RtpSender sender = new RtpSender(pacing, channel);
        sender.scheduler.start();
        return sender;
    }

    /**
     * Streams the call's packets to {@code target}, starting within one packet interval.
     *
     * @param keepLog whether to record every packet with its payload (for tests that check the
     *                recorded audio; it costs memory)
     * @return completes after the last packet was sent, on the scheduler thread: continue on
     * another executor with any blocking work
     */
    public CompletableFuture<StreamResult> stream(CallPlan plan, SpeechClip clip, InetSocketAddress target,
                                                  boolean keepLog) {
        CallStream stream = new CallStream(plan, clip, target, keepLog);
        joining.add(stream);
        // Closed meanwhile: the scheduler will never admit it.
        if (!running && joining.remove(stream)) {
            stream.result().completeExceptionally(new CancellationException("RTP sender closed"));
        }
        return stream.result();
    }

    /** Datagrams sent so far, by every call. */
    public long datagramsSent() {
        return datagramsSent;
    }

    /** Datagrams that left later than {@link Pacing#lateThresholdNanos()} after they were due. */
    public long lateSends() {
        return lateSends;
    }

    /** Stops the scheduler; streams still running complete with a {@link CancellationException}. */
    @Override
    public void close() throws IOException {
        running = false;
        LockSupport.unpark(scheduler);
        try {
            scheduler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
        cancelRemaining();
    }

    private void schedule() {
        long start = System.nanoTime();
        long slot = 0;
        while (running) {
            admitJoiningStreams();
            // Catch up on every slot that is due, so a slow round delays packets but never skips them.
            for (long now = System.nanoTime(); slotDue(start, slot) <= now; slot++) {
                sendSlot((int) (slot % SLOTS), slotDue(start, slot));
            }
            publishCounters();
            long wait = slotDue(start, slot) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private long slotDue(long start, long slot) {
        return start + slot * slotNanos;
    }

    private void admitJoiningStreams() {
        for (CallStream stream = joining.poll(); stream != null; stream = joining.poll()) {
            int slot = leastBusySlot();
            if (slotSizes[slot] == slots[slot].length) {
                slots[slot] = Arrays.copyOf(slots[slot], slotSizes[slot] * 2);
            }
            slots[slot][slotSizes[slot]++] = stream;
        }
    }

    private int leastBusySlot() {
        int best = 0;
        for (int slot = 1; slot < SLOTS; slot++) {
            if (slotSizes[slot] < slotSizes[best]) {
                best = slot;
            }
        }
        return best;
    }

    private void sendSlot(int slot, long dueNanos) {
        wire.dueAt(dueNanos);
        CallStream[] streams = slots[slot];
        int size = slotSizes[slot];
        int i = 0;
        while (i < size) {
            CallStream stream = streams[i];
            if (stream.sendNext(wire)) {
                // Finished: move the last stream into its place and look at that one next.
                streams[i] = streams[--size];
                streams[size] = null;
                stream.finish();
            } else {
                i++;
            }
        }
        slotSizes[slot] = size;
    }

    private void publishCounters() {
        datagramsSent = wire.datagrams();
        lateSends = wire.lateSends();
    }

    private void cancelRemaining() {
        CancellationException closed = new CancellationException("RTP sender closed");
        for (int slot = 0; slot < SLOTS; slot++) {
            for (int i = 0; i < slotSizes[slot]; i++) {
                slots[slot][i].result().completeExceptionally(closed);
            }
            slotSizes[slot] = 0;
        }
        for (CallStream stream = joining.poll(); stream != null; stream = joining.poll()) {
            stream.result().completeExceptionally(closed);
        }
    }
}
