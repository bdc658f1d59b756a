package io.callrec.ingest.rtp;

import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.impl.ContextInternal;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Binds the UDP sockets streams are read from: Netty datagram channels registered on a Vert.x context's own event
 * loop (so a stream's socket, its timers and its calls all run on one thread), without Vert.x's datagram socket,
 * which per datagram copies it to the heap and formats the sender's address as a string. A wake-up reads what
 * waits, up to {@value #READS_PER_WAKEUP} datagrams. The channel type is the one of Vert.x's transport (NIO, or
 * epoll when Vert.x runs on it).
 */
public final class RtpSockets {
    /**
     * What one read takes: a longer datagram is cut to this, so one that fills it is taken for cut (RTP audio is
     * far shorter). Small enough for the pooled buffers' per-thread cache.
     */
    public static final int READ_BYTES = 2048;
    private static final int RECEIVE_BUFFER_BYTES = 128 * 1024;
    /** At most this many datagrams per socket per wake-up (Netty's own for datagram channels), so none hogs a loop. */
    private static final int READS_PER_WAKEUP = 16;

    private RtpSockets() {
    }

    /**
     * A channel bound to this address and port on the context's event loop, not reading yet: datagrams wait in
     * the kernel until a {@link RecordingReceiver} is attached.
     */
    public static Future<DatagramChannel> bind(Context context, InetAddress host, int port) {
        ContextInternal loop = (ContextInternal) context;
        DatagramChannel channel = loop.owner().transport().datagramChannel(InternetProtocolFamily.IPv4);
        // As Vert.x sets up its own datagram sockets (its pooled direct buffers, the kernel's receive buffer)...
        loop.owner().transport().configure(channel,
                new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
        // ...but not its reads: Vert.x reads into a buffer as large as the kernel's, too large for the cache, and an
        // allocator reads one datagram per wake-up unless told more: a loop slowed past one packet interval then
        // stays behind on every socket for good (seen: 1.3 s of a call still queued at its stop).
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(READ_BYTES);
        reads.maxMessagesPerRead(READS_PER_WAKEUP);
        channel.config().setRecvByteBufAllocator(reads);
        channel.config().setAutoRead(false);
        Promise<DatagramChannel> bound = loop.promise();
        loop.nettyEventLoop().register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                channel.close();
                bound.fail(registered.cause());
                return;
            }
            channel.bind(new InetSocketAddress(host, port)).addListener(bind -> {
                if (bind.isSuccess()) {
                    bound.complete(channel);
                } else {
                    channel.close();
                    bound.fail(bind.cause());
                }
            });
        });
        return bound.future();
    }
}
