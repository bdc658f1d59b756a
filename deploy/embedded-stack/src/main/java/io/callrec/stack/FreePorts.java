package io.callrec.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Loopback TCP ports for servers started on "any free port" (the tests, and {@code ./callrec up} with port 0).
 * A port found free and then bound by someone else is a race no check can close, so every start on a chosen
 * port goes through {@link #startOnPort}: a start that fails because its port was taken meanwhile is tried
 * again on another.
 */
public final class FreePorts {
    /*
     * Chosen below Linux's ephemeral range (32768-60999 by default): the kernel never gives these to an outgoing
     * connection, which is what took a chosen port before (a catalog-api that could not bind its HTTP port).
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 5;
    /** Never the same port twice from one JVM, so two servers started side by side cannot be given the same. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port that is free now and that this JVM has not handed out before. */
    public static int find() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new StackStartException("no free loopback port between " + LOWEST + " and " + HIGHEST);
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a clear message when a port we are told to use is taken. */
    public static void requireFree(int port, String what) {
        if (port != 0 && !isFree(port)) {
            throw new StackStartException(what + " port " + port + " is already in use on 127.0.0.1");
        }
    }

    /**
     * Starts a server on {@code requested}, or, when that is 0, on a free port: a start that fails while its
     * port has been taken by someone else is tried again on a new port (a few times).
     */
    public static <T> T startOnPort(int requested, IntFunction<T> start) {
        if (requested != 0) {
            return start.apply(requested);
        }
        StackStartException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = find();
            try {
                return start.apply(port);
            } catch (StackStartException e) {
                if (isFree(port)) {
                    throw e; // not a clash: the port is still free, so it failed for another reason
                }
                last = e;
            }
        }
        throw last;
    }
}
