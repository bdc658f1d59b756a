package io.callrec.gateway.control;

import io.callrec.contracts.StopReasons;
import io.callrec.gateway.config.GatewayConfig;
import io.callrec.gateway.control.ControlMessage.RecordStartRequest;
import io.callrec.gateway.control.ControlMessage.RecordStopRequest;
import io.callrec.gateway.service.OpenRecording;
import io.callrec.gateway.service.RecordingOwner;
import io.callrec.gateway.service.RecordingService;
import io.callrec.gateway.service.StartRefusedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One phone's control connection. Lines are handled one at a time, in order (the socket is paused while a
 * request is in flight, and while the answers not yet taken by the phone fill the write queue); every line gets
 * an answer, a bad one a {@code result=failed} answer, and the connection stays open, until
 * {@code max-bad-lines} bad ones in a row: a peer that speaks only junk is not a phone. When it closes, every recording opened on it ends with reason {@code socket-error}. When one of its
 * recordings is lost, the gateway closes it: the protocol has no message for that, and a phone whose connection
 * drops shows the failure. Confined to the connection's event loop.
 */
final class ControlConnection implements ControlLineFramer.Sink, RecordingOwner {
    private static final Logger LOG = Logger.getLogger(ControlConnection.class);
    private static final byte[] OVERSIZED = new byte[0];

    private final NetSocket socket;
    private final InetAddress phone;
    private final Vertx vertx;
    private final Context context;
    private final GatewayConfig.Control config;
    private final RecordingService recordings;
    private final ControlLineFramer framer;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private final Map<String, OpenRecording> open = new HashMap<>();
    private boolean busy;
    private boolean writeQueueFull;
    private boolean closed;
    private int badLinesInARow;
    private long quietTimer = -1;
    private long idleTimer = -1;

    ControlConnection(NetSocket socket, InetAddress phone, Vertx vertx, GatewayConfig.Control config,
                      RecordingService recordings) {
        this.socket = socket;
        this.phone = phone;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.recordings = recordings;
        this.framer = new ControlLineFramer(config.maxLineBytes());
    }

    void start(Runnable onClosed) {
        socket.setWriteQueueMaxSize(config.maxQueuedAnswerBytes());
        socket.drainHandler(v -> {
            writeQueueFull = false;
            if (!busy) {
                resumeReading();
            }
        });
        socket.handler(this::onData);
        socket.exceptionHandler(error -> {
            LOG.debugf("Control connection from %s failed: %s", phone.getHostAddress(), error.getMessage());
            socket.close();
        });
        socket.closeHandler(v -> {
            onClosed.run();
            onClose();
        });
        armIdleTimer();
    }

    private void onData(Buffer data) {
        cancelQuietTimer();
        framer.feed(data.getBytes(), this);
        handleNext();
        armQuietTimer();
    }

    /**
     * The quiet rule may only complete a message that has stopped arriving. While a request is in flight the
     * socket is paused and the rest of the message may be waiting in it, so the timer runs only while the
     * connection is being read, and starts afresh when reading resumes.
     */
    private void armQuietTimer() {
        cancelQuietTimer();
        if (busy || writeQueueFull || closed || !framer.hasPendingLine()) {
            return;
        }
        quietTimer = vertx.setTimer(config.quietTime().toMillis(), id -> {
            quietTimer = -1;
            framer.flushQuietLine(this);
            handleNext();
        });
    }

    private void cancelQuietTimer() {
        cancelTimer(quietTimer);
        quietTimer = -1;
    }

    @Override
    public void line(byte[] line) {
        lines.add(line);
    }

    @Override
    public void oversizedLine() {
        lines.add(OVERSIZED);
    }

    /** Handles the waiting lines until one needs a request, the write queue fills or there are none. */
    private void handleNext() {
        while (!busy && !writeQueueFull && !closed && !lines.isEmpty()) {
            armIdleTimer();
            byte[] line = lines.poll();
            if (line == OVERSIZED) {
                badLine(new InvalidControlMessageException(InvalidControlMessageException.Reason.INVALID_REQUEST,
                        "line longer than " + config.maxLineBytes() + " bytes", null, null));
                continue;
            }
            try {
                ControlMessage message = ControlMessageParser.parse(line);
                badLinesInARow = 0;
                request(message);
            } catch (InvalidControlMessageException e) {
                LOG.debugf("Refused a control line from %s: %s", phone.getHostAddress(), e.getMessage());
                badLine(e);
            }
        }
    }

    private void badLine(InvalidControlMessageException e) {
        answer(ControlResponses.refused(e));
        if (++badLinesInARow >= config.maxBadLines()) {
            LOG.debugf("Closing the control connection from %s: %d bad lines in a row", phone.getHostAddress(),
                    badLinesInARow);
            lines.clear();
            socket.end();
        }
    }

    private void request(ControlMessage message) {
        busy = true;
        socket.pause();
        Uni<String> answer = message instanceof RecordStartRequest start ? start(start) : stop((RecordStopRequest) message);
        answer.emitOn(task -> context.runOnContext(v -> task.run())).subscribe().with(response -> {
            answer(response);
            resumeReading();
        }, error -> {
            LOG.errorf(error, "Control request from %s failed", phone.getHostAddress());
            resumeReading();
        });
    }

    private void resumeReading() {
        busy = false;
        if (writeQueueFull) {
            return;
        }
        socket.resume();
        handleNext();
        armQuietTimer();
    }

    private Uni<String> start(RecordStartRequest request) {
        OpenRecording already = open.get(request.id());
        if (already != null) { // a phone repeating its start gets the same port
            return Uni.createFrom().item(ControlResponses.startSucceeded(request.id(), already.host(), already.port()));
        }
        return recordings.start(request, phone, this)
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .map(recording -> {
                    if (closed) { // the phone went away while we were allocating
                        recordings.stop(recording, StopReasons.SOCKET_ERROR).subscribe().with(v -> { });
                    } else {
                        open.put(request.id(), recording);
                    }
                    return ControlResponses.startSucceeded(request.id(), recording.host(), recording.port());
                })
                .onFailure(StartRefusedException.class).recoverWithItem(e -> {
                    StartRefusedException refusal = (StartRefusedException) e;
                    LOG.infof("Refused a recording for %s (%s): %s", request.device(), refusal.reason(),
                            refusal.getMessage());
                    return ControlResponses.startFailed(request.id(), refusal.reason());
                });
    }

    private Uni<String> stop(RecordStopRequest request) {
        OpenRecording recording = open.remove(request.id());
        String answer = ControlResponses.stopSucceeded(request.id());
        if (recording == null) { // stopping is idempotent: unknown or already stopped is fine
            return Uni.createFrom().item(answer);
        }
        return recordings.stop(recording, StopReasons.NORMAL).map(v -> answer);
    }

    @Override
    public void recordingLost(OpenRecording recording) {
        context.runOnContext(v -> {
            open.remove(recording.phoneSessionId(), recording);
            LOG.debugf("Closing the control connection from %s: recording %s was lost", phone.getHostAddress(),
                    recording.recordingId());
            socket.close();
        });
    }

    /** Sends an answer; while the phone does not take them, the connection is not read (see drainHandler). */
    private void answer(String line) {
        if (closed) {
            return;
        }
        socket.write(line);
        if (socket.writeQueueFull()) {
            writeQueueFull = true;
            socket.pause();
        }
    }

    private void onClose() {
        closed = true;
        cancelQuietTimer();
        cancelTimer(idleTimer);
        List<OpenRecording> orphans = List.copyOf(open.values());
        open.clear();
        for (OpenRecording recording : orphans) {
            LOG.infof("Recording %s: control connection closed without a stop", recording.recordingId());
            recordings.stop(recording, StopReasons.SOCKET_ERROR).subscribe().with(v -> { });
        }
    }

    /** A connection with nothing open and nothing said for the idle timeout is closed. */
    private void armIdleTimer() {
        cancelTimer(idleTimer);
        idleTimer = vertx.setTimer(config.idleTimeout().toMillis(), id -> {
            idleTimer = -1;
            if (open.isEmpty() && !busy) {
                LOG.debugf("Closing idle control connection from %s", phone.getHostAddress());
                socket.close();
            } else {
                armIdleTimer();
            }
        });
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }
}
