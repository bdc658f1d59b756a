package io.callrec.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sockets streams are read from, on a real event loop and the loopback. */
class RtpSocketsTest {
    private static final int DATAGRAMS = 64;

    private Vertx vertx;
    private Context context;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /**
     * A loop that fell behind must catch up: one datagram per socket per wake-up (Netty's default for short
     * datagrams) would leave a socket as far behind as it once got, and the end of its call queued after the drain.
     */
    @Test
    void datagramsWaitingInTheKernelAreReadManyPerWakeUp() throws Exception {
        DatagramChannel socket = unreadSocketOnLoopback(context);
        AtomicInteger datagramsRead = new AtomicInteger();
        AtomicInteger wakeUps = new AtomicInteger();
        socket.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext handler, Object datagram) {
                ReferenceCountUtil.release(datagram);
                datagramsRead.incrementAndGet();
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext handler) {
                wakeUps.incrementAndGet();
            }
        });

        try (Phone phone = new Phone("127.0.0.1")) {
            // Not read yet: all of them wait in the socket's queue, as behind a busy loop.
            phone.sendPcma(socket.localAddress().getPort(), 0, DATAGRAMS);
        }
        context.runOnContext(v -> socket.config().setAutoRead(true));

        await().atMost(Duration.ofSeconds(10)).until(() -> datagramsRead.get() == DATAGRAMS);
        assertThat(wakeUps.get()).as("wake-ups to read %d waiting datagrams", DATAGRAMS)
                .isLessThanOrEqualTo(DATAGRAMS / 8);
        context.runOnContext(v -> socket.close());
    }

    /** A socket bound by {@link RtpSockets#bind} on a free loopback port, on the context's loop, not read yet. */
    static DatagramChannel unreadSocketOnLoopback(Context context) throws Exception {
        CompletableFuture<DatagramChannel> bound = new CompletableFuture<>();
        context.runOnContext(v -> RtpSockets.bind(context, InetAddress.getLoopbackAddress(), 0)
                .onSuccess(bound::complete).onFailure(bound::completeExceptionally));
        return bound.get(10, TimeUnit.SECONDS);
    }
}
