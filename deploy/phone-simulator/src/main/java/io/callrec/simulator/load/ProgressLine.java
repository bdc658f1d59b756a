package io.callrec.simulator.load;

import io.callrec.simulator.rtp.RtpSender;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Prints one line a second while a run is going: calls active, finished and failed, packets/s. */
final class ProgressLine implements Runnable {
    private final PrintStream out;
    private final LoadTally tally;
    private final RtpSender sender;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastDatagrams;

    ProgressLine(PrintStream out, LoadTally tally, RtpSender sender) {
        this.out = out;
        this.tally = tally;
        this.sender = sender;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long datagrams = sender.datagramsSent();
        double seconds = (now - lastNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        long rate = seconds > 0 ? Math.round((datagrams - lastDatagrams) / seconds) : 0;
        lastNanos = now;
        lastDatagrams = datagrams;
        int ended = tally.ended();
        out.printf(Locale.ROOT, "[%6.1fs] active %d  finished %d  failed %d  packets/s %d  late %d%n",
                (now - startNanos) / (double) TimeUnit.SECONDS.toNanos(1), tally.started() - ended,
                ended - tally.failed(), tally.failed(), rate, sender.lateSends());
    }
}
