package io.callrec.gateway.api;

import io.callrec.contracts.DeviceId;
import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.service.AccessPolicy;
import io.callrec.gateway.sip.session.SiprecDialogs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URL record (the phones' "URL record" key, an HTTP GET): identifies the phone by the MAC in the URL or in its
 * User-Agent, finds the SIPREC session of the extension assigned to that device
 * ({@code callrec.sip.extension-by-device}) and switches its recording on or off. Answers in plain text a phone can
 * show. The phone's address and MAC must pass the gateway's allowlists, as on the control port.
 */
@Path("/url-record")
public class UrlRecordResource {
    private static final Pattern MAC = Pattern.compile("(?i)\\b[0-9a-f]{2}(?:[:-]?[0-9a-f]{2}){5}\\b");

    private final SiprecDialogs dialogs;
    private final AccessPolicy access;
    private final Map<String, String> extensionByDevice = new HashMap<>();

    public UrlRecordResource(SiprecDialogs dialogs, AccessPolicy access, SipConfig config) {
        this.dialogs = dialogs;
        this.access = access;
        config.extensionByDevice().forEach((device, extension) ->
                extensionByDevice.put(DeviceId.normalize(device), extension.trim()));
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> toggle(@QueryParam("mac") String mac, @HeaderParam("User-Agent") String userAgent,
                                @Context HttpServerRequest request) {
        Optional<String> device = DeviceId.mac(mac).or(() -> macIn(userAgent));
        if (device.isEmpty()) {
            return answer(Response.Status.BAD_REQUEST, "No device MAC in the URL (mac=) or the User-Agent");
        }
        if (!access.allows(address(request), device.get())) {
            return answer(Response.Status.FORBIDDEN, "Device " + device.get() + " may not record");
        }
        String extension = extensionByDevice.get(device.get());
        if (extension == null) {
            return answer(Response.Status.NOT_FOUND, "Device " + device.get() + " has no extension assigned");
        }
        return dialogs.toggle(extension).map(outcome -> switch (outcome) {
            case ON -> text(Response.Status.OK, "Recording on");
            case OFF -> text(Response.Status.OK, "Recording off");
            case NO_CALL -> text(Response.Status.NOT_FOUND, "No recorded call for extension " + extension);
            case SEVERAL_CALLS -> text(Response.Status.CONFLICT, "Several recorded calls for extension " + extension
                    + "; use the record key in the call");
        });
    }

    private static Optional<String> macIn(String userAgent) {
        if (userAgent == null) {
            return Optional.empty();
        }
        Matcher matcher = MAC.matcher(userAgent);
        return matcher.find() ? DeviceId.mac(matcher.group()) : Optional.empty();
    }

    private static InetAddress address(HttpServerRequest request) {
        try {
            return InetAddress.getByName(request.remoteAddress().hostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("peer address is not an IP literal", e);
        }
    }

    private static Uni<Response> answer(Response.Status status, String text) {
        return Uni.createFrom().item(text(status, text));
    }

    private static Response text(Response.Status status, String text) {
        return Response.status(status).entity(text + "\n").type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
