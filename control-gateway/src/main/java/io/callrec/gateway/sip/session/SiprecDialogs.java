package io.callrec.gateway.sip.session;

import io.callrec.contracts.StopReasons;
import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.sip.message.HeaderValues;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.message.SipRequests;
import io.callrec.gateway.sip.message.SipResponses;
import io.callrec.gateway.sip.metadata.MetadataException;
import io.callrec.gateway.sip.metadata.RsMetadataParser;
import io.callrec.gateway.sip.sdp.AnsweredStream;
import io.callrec.gateway.sip.sdp.OfferedStream;
import io.callrec.gateway.sip.sdp.SdpAnswer;
import io.callrec.gateway.sip.sdp.SdpException;
import io.callrec.gateway.sip.sdp.SdpOffer;
import io.callrec.gateway.sip.sdp.SiprecBody;
import io.callrec.gateway.sip.sdp.StreamChoice;
import io.callrec.gateway.sip.transaction.ClientTransactions;
import io.callrec.gateway.sip.transaction.ServerTransaction;
import io.callrec.gateway.sip.transaction.SipRequestHandler;
import io.callrec.gateway.sip.transport.SipEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The SIPREC recording server's dialogs (RFC 7866 as the SRS): an INVITE opens a recording session and is
 * answered with our SDP once every stream has its port; a re-INVITE (or UPDATE with SDP) changes the streams and
 * keeps the recordings; BYE ends it; INFO and UPDATE are taken inside a dialog, 481 outside; OPTIONS is answered
 * anywhere. A 2xx whose ACK never comes ends the session with our own BYE (RFC 3261 13.3.1.4). A {@code sips:}
 * request that did not come over TLS is refused with 416 before anything else: it promises TLS on every hop, which
 * this one was not (RFC 3261 26.2, RFC 5630). Runs on the SIP context.
 */
@ApplicationScoped
public class SiprecDialogs implements SipRequestHandler {
    private static final Logger LOG = Logger.getLogger(SiprecDialogs.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE";
    private static final String ACCEPT = "application/sdp, application/rs-metadata+xml, multipart/mixed";
    private static final List<String> UNDERSTOOD = List.of("siprec");

    private final SiprecRecorder recorder;
    private final ClientTransactions clientTransactions;
    private final SipEventLoop eventLoop;
    private final RsMetadataParser metadataParser;
    private final RecordMode defaultMode;
    private final Map<String, RecordMode> modeByExtension;
    private final Map<String, SiprecCall> calls = new HashMap<>();

    public SiprecDialogs(SiprecRecorder recorder, ClientTransactions clientTransactions, SipConfig config,
                         SipEventLoop eventLoop) {
        this.recorder = recorder;
        this.clientTransactions = clientTransactions;
        this.eventLoop = eventLoop;
        this.metadataParser = new RsMetadataParser(config.maxMessageBytes());
        this.defaultMode = config.recordMode();
        this.modeByExtension = Map.copyOf(config.recordModeByExtension());
    }

    @Override
    public void request(ServerTransaction transaction) {
        SipMessage request = transaction.request();
        if (sipsWithoutTls(transaction)) {
            LOG.warnf("Refused %s %s from %s over %s with 416: a sips: Request-URI needs TLS", request.method(),
                    request.callId(), transaction.channel().remote().getAddress().getHostAddress(),
                    transaction.channel().transport());
            transaction.respond(SipResponses.unsupportedUriScheme(request));
            return;
        }
        String unsupported = unsupportedExtension(request);
        if (unsupported != null) {
            transaction.respond(SipResponses.of(request, 420, "Bad Extension", null,
                    List.of(new SipMessage.Header("unsupported", unsupported)), new byte[0]));
            return;
        }
        switch (request.method()) {
            case "INVITE" -> {
                if (request.toTag() == null) {
                    newCall(transaction);
                } else {
                    inDialog(transaction, call -> offer(call, transaction));
                }
            }
            case "UPDATE" -> inDialog(transaction, call -> {
                if (request.body().length > 0) {
                    offer(call, transaction);
                } else {
                    ok(transaction, call);
                }
            });
            case "BYE" -> inDialog(transaction, call -> {
                ok(transaction, call);
                calls.remove(key(call.callId(), call.localTag()));
                recorder.finish(call, StopReasons.NORMAL);
            });
            case "INFO" -> inDialog(transaction, call -> {
                String record = request.header("record");
                if (record != null && (record.equalsIgnoreCase("on") || record.equalsIgnoreCase("off"))) {
                    // Answered once the ingests have it: what the client sends after the 200 is switched.
                    recorder.capture(call, record.equalsIgnoreCase("on")).subscribe().with(
                            done -> eventLoop.run(() -> ok(transaction, call)));
                } else {
                    ok(transaction, call);
                }
            });
            case "OPTIONS" -> transaction.respond(SipResponses.of(request, 200, "OK", null, List.of(
                    new SipMessage.Header("allow", ALLOW), new SipMessage.Header("accept", ACCEPT),
                    new SipMessage.Header("supported", String.join(", ", UNDERSTOOD))), new byte[0]));
            default -> transaction.respond(SipResponses.of(request, 405, "Method Not Allowed", null,
                    List.of(new SipMessage.Header("allow", ALLOW)), new byte[0]));
        }
    }

    /**
     * URL record: switches the one session the extension takes part in (by the metadata's numbers) on if it is
     * off and off if it is on. Call from anywhere.
     */
    public Uni<UrlRecordOutcome> toggle(String extension) {
        return eventLoop.call(() -> {
            List<SiprecCall> matching = calls.values().stream()
                    .filter(call -> !call.ended() && call.metadata().numbers().contains(extension)).toList();
            if (matching.size() != 1) {
                return Uni.createFrom().item(matching.isEmpty() ? UrlRecordOutcome.NO_CALL
                        : UrlRecordOutcome.SEVERAL_CALLS);
            }
            SiprecCall call = matching.get(0);
            boolean on = !call.capturing();
            return recorder.capture(call, on).map(done -> on ? UrlRecordOutcome.ON : UrlRecordOutcome.OFF);
        });
    }

    @Override
    public void ack(SipMessage ack) {
        SiprecCall call = calls.get(key(ack.callId(), ack.toTag()));
        if (call != null && call.invite() != null && call.invite().request().cseqNumber() == ack.cseqNumber()) {
            call.invite().acknowledge();
        }
    }

    @Override
    public void cancelled(ServerTransaction invite) {
        SiprecCall call = calls.get(key(invite.request().callId(), invite.localTag()));
        if (call != null && call.invite() == invite && invite.request().toTag() == null) {
            calls.remove(key(call.callId(), call.localTag()));
            recorder.finish(call, StopReasons.CANCELLED);
        }
    }

    @Override
    public void unacknowledged(ServerTransaction invite) {
        SiprecCall call = calls.get(key(invite.request().callId(), invite.localTag()));
        if (call == null || call.invite() != invite) {
            return;
        }
        LOG.warnf("SIPREC session %s: no ACK for our 200 within 64*T1; ended with BYE", call.callId());
        calls.remove(key(call.callId(), call.localTag()));
        clientTransactions.send(SipRequests.bye(invite.request(), call.localTag(), invite.channel().transport(), 1),
                invite.channel());
        recorder.finish(call, StopReasons.NORMAL);
    }

    private void newCall(ServerTransaction transaction) {
        SipMessage request = transaction.request();
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        SiprecCall call = new SiprecCall(request.callId(), tag, transaction.channel().remote().getAddress(),
                this::endedWithoutBye);
        calls.put(key(call.callId(), tag), call);
        transaction.localTag(tag);
        offer(call, transaction);
    }

    /**
     * The session's recording ended at the ingest (the client went silent: RTP timeout) or with its ingest: the
     * dialog is forgotten, so nothing is left behind by a client that vanished without BYE (a late request gets
     * 481). Call from anywhere.
     */
    private void endedWithoutBye(SiprecCall call) {
        eventLoop.run(() -> {
            if (calls.remove(key(call.callId(), call.localTag()), call)) {
                LOG.infof("SIPREC session %s: its recording ended without a BYE", call.callId());
                call.end();
            }
        });
    }

    /** On-demand when the session's default, or any participant's extension, says so. */
    private RecordMode mode(SiprecCall call) {
        if (call.metadata().numbers().stream().anyMatch(n -> modeByExtension.get(n) == RecordMode.ON_DEMAND)) {
            return RecordMode.ON_DEMAND;
        }
        return defaultMode;
    }

    /** Answers the INVITE's (or UPDATE's) offer once its streams have their ports. */
    private void offer(SiprecCall call, ServerTransaction transaction) {
        SipMessage request = transaction.request();
        boolean invite = request.method().equals("INVITE");
        if (invite && call.inviteInProgress()) {
            transaction.respond(SipResponses.of(request, 491, "Request Pending", call.localTag()));
            return;
        }
        List<OfferedStream> offer;
        try {
            if (request.body().length == 0) {
                if (call.lastAnswer() == null) {
                    refuse(call, transaction, 488, "Not Acceptable Here"); // no offer in the INVITE: not supported
                } else {
                    answer(call, transaction, call.lastAnswer()); // a session refresh: nothing changes
                }
                return;
            }
            SiprecBody body = SiprecBody.parse(request.header("content-type"), request.body());
            offer = SdpOffer.parse(body.sdp());
            readMetadata(call, body.metadata());
            if (request.toTag() == null) {
                RecordMode mode = mode(call);
                call.capturing(mode == RecordMode.ALWAYS);
                LOG.infof("SIPREC session %s from %s: %d streams offered, participants %s, %s", call.callId(),
                        call.source().getHostAddress(), offer.size(), call.metadata().numbers(), mode);
            }
        } catch (SdpException e) {
            LOG.debugf("SIPREC session %s: %s", call.callId(), e.getMessage());
            refuse(call, transaction, e.getMessage().startsWith("unsupported body type") ? 415 : 400,
                    e.getMessage().startsWith("unsupported body type") ? "Unsupported Media Type" : "Bad Request");
            return;
        }
        if (offer.stream().noneMatch(stream -> StreamChoice.codec(stream).isPresent())) {
            refuse(call, transaction, 488, "Not Acceptable Here");
            return;
        }
        if (invite) {
            call.invite(transaction);
        }
        recorder.answer(call, offer).subscribe().with(answer -> eventLoop.run(() -> {
            String reasonIfEnded = transaction.cancelled() ? StopReasons.CANCELLED : StopReasons.NORMAL;
            recorder.apply(call, answer, reasonIfEnded);
            if (transaction.cancelled()) {
                return;
            }
            if (call.ended()) { // a BYE, or the recording ended on its own, while the offer was being answered
                transaction.respond(SipResponses.of(request, 481, "Call/Transaction Does Not Exist", call.localTag()));
                return;
            }
            List<AnsweredStream> streams = answer.answers();
            if (streams.stream().noneMatch(AnsweredStream::accepted)) {
                refuse(call, transaction, 503, "Service Unavailable");
                return;
            }
            byte[] sdp = SdpAnswer.build(streams, call.sdpSessionId(), call.nextSdpVersion());
            call.answered(sdp);
            answer(call, transaction, sdp);
        }), error -> eventLoop.run(() -> refuse(call, transaction, 500, "Server Internal Error")));
    }

    /** Metadata we cannot read costs the names and numbers, not the recording. */
    private void readMetadata(SiprecCall call, byte[] xml) {
        if (xml == null) {
            return;
        }
        try {
            call.metadata(metadataParser.parse(xml));
        } catch (MetadataException e) {
            LOG.warnf("SIPREC session %s: metadata ignored: %s", call.callId(), e.getMessage());
        }
    }

    private void answer(SiprecCall call, ServerTransaction transaction, byte[] sdp) {
        transaction.respond(SipResponses.of(transaction.request(), 200, "OK", call.localTag(), List.of(
                new SipMessage.Header("contact", contact(transaction)),
                new SipMessage.Header("allow", ALLOW),
                new SipMessage.Header("content-type", SiprecBody.SDP)), sdp));
    }

    /** Refuses the offer; a refused first INVITE leaves no session behind (a refused re-INVITE keeps it). */
    private void refuse(SiprecCall call, ServerTransaction transaction, int status, String reason) {
        transaction.respond(SipResponses.of(transaction.request(), status, reason, call.localTag()));
        if (transaction.request().toTag() == null) {
            calls.remove(key(call.callId(), call.localTag()));
            recorder.finish(call, StopReasons.START_FAILED);
        }
    }

    private void ok(ServerTransaction transaction, SiprecCall call) {
        transaction.respond(SipResponses.of(transaction.request(), 200, "OK", call.localTag()));
    }

    private void inDialog(ServerTransaction transaction, Consumer<SiprecCall> action) {
        SipMessage request = transaction.request();
        SiprecCall call = request.toTag() == null ? null : calls.get(key(request.callId(), request.toTag()));
        if (call == null) {
            transaction.respond(SipResponses.of(request, 481, "Call/Transaction Does Not Exist", null));
            return;
        }
        action.accept(call);
    }

    /**
     * Our Contact: the address the request reached us on, over the transport it came by, is the one the client can
     * reach again. A {@code sips:} Request-URI gets a {@code sips:} Contact (RFC 3261 12.1.1 requires it) without a
     * transport parameter: {@code sips:} already means TLS, and {@code transport=tls} is deprecated (RFC 3261 26.2.2;
     * RFC 5630 keeps it out of SIPS URIs). A {@code sip:} one that came over TLS (allowed: RFC 3263, RFC 5630) gets
     * {@code transport=tls}, so the client's requests in the dialog come back over TLS to our TLS port.
     */
    private static String contact(ServerTransaction transaction) {
        String uri = HeaderValues.uri(transaction.request().requestUri()).split(";", 2)[0];
        String transport = transaction.channel().transport();
        boolean sips = HeaderValues.isSips(uri);
        String parameter = transport.equals("UDP") || sips ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT);
        return "<" + uri + parameter + ">;+sip.srs";
    }

    private static boolean sipsWithoutTls(ServerTransaction transaction) {
        return HeaderValues.isSips(transaction.request().requestUri())
                && !transaction.channel().transport().equals("TLS");
    }

    /** The first option tag in Require we do not understand; null when all are understood. */
    private static String unsupportedExtension(SipMessage request) {
        if (request.method().equals("ACK") || request.method().equals("CANCEL")) {
            return null;
        }
        for (String tag : request.headerValues("require")) {
            if (!UNDERSTOOD.contains(tag.toLowerCase(Locale.ROOT))) {
                return tag;
            }
        }
        return null;
    }

    private static String key(String callId, String localTag) {
        return callId + '|' + localTag;
    }
}
