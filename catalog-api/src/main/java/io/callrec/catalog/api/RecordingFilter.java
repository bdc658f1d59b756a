package io.callrec.catalog.api;

import io.callrec.contracts.DeviceId;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.service.RecordingQuery;
import io.callrec.catalog.service.RecordingSortField;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The query parameters of GET /recordings, as sent; {@link #toQuery()} checks them. */
public class RecordingFilter {
    @RestQuery
    @Parameter(description = "The phone's MAC address, any spelling (0c:38:3e:00:00:01, 0C-38-3E-00-00-01, 0c383e000001)")
    String device;
    @RestQuery
    @Parameter(description = "The phone's own session id")
    String sessionId;
    @RestQuery
    String localNumber;
    @RestQuery
    String remoteNumber;
    @RestQuery
    @Parameter(description = "Substring of any name or number, case-insensitive")
    String q;
    @RestQuery
    @Parameter(description = "in or out")
    String direction;
    @RestQuery
    @Parameter(description = "recording, processing, available, failed or deleted; without it every status but deleted")
    String status;
    @RestQuery
    @Parameter(description = "Started at or after: ISO-8601 date or date-time (UTC unless an offset is given)")
    String from;
    @RestQuery
    @Parameter(description = "Started before: ISO-8601 date-time, or a date meaning up to the end of that day")
    String to;
    @RestQuery
    @Parameter(description = "Became available at or after: ISO-8601 date or date-time (UTC unless an offset is "
            + "given). For picking up new recordings: pass the newest storedAt seen, less a few seconds, with "
            + "status=available&sort=storedAt,asc, and skip ids already seen")
    String storedSince;
    @RestQuery
    @Parameter(description = "Page number from 0")
    String page;
    @RestQuery
    @Parameter(description = "Items per page, 1 to 200 (default 50)")
    String size;
    @RestQuery
    @Parameter(description = "field,asc|desc (default startedAt,desc); fields startedAt, stoppedAt, storedAt (when "
            + "it became available: storedAt,desc lists new recordings first), durationMs, sizeBytes, device, "
            + "localNumber, localName, remoteNumber, remoteName, status")
    String sort;

    public RecordingQuery toQuery() {
        String[] sortParts = sortParts();
        return new RecordingQuery(DeviceId.normalize(QueryParameters.text(device)), QueryParameters.text(sessionId),
                QueryParameters.text(localNumber), QueryParameters.text(remoteNumber), QueryParameters.text(q),
                direction(), status(), QueryParameters.time("from", from, false), QueryParameters.time("to", to, true),
                QueryParameters.time("storedSince", storedSince, false), QueryParameters.page(page),
                QueryParameters.size(size), sortField(sortParts[0]),
                ascending(sortParts.length > 1 ? sortParts[1] : "desc"));
    }

    private String direction() {
        String text = QueryParameters.text(direction);
        if (text != null && !text.equals("in") && !text.equals("out")) {
            throw new InvalidParameterException("direction must be in or out, not '" + text + "'.");
        }
        return text;
    }

    private RecordingStatus status() {
        String text = QueryParameters.text(status);
        if (text == null) {
            return null;
        }
        return RecordingStatus.byWireName(text.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new InvalidParameterException("status must be one of " + Arrays.stream(RecordingStatus.values())
                        .map(RecordingStatus::wireName).collect(Collectors.joining(", ")) + ", not '" + text + "'."));
    }

    private String[] sortParts() {
        String text = QueryParameters.text(sort);
        String[] parts = text == null ? new String[] {RecordingSortField.STARTED_AT.fieldName()} : text.split(",");
        if (parts.length > 2) {
            throw new InvalidParameterException("sort must be field or field,asc|desc, not '" + text + "'.");
        }
        return parts;
    }

    private static RecordingSortField sortField(String name) {
        return RecordingSortField.byName(name.trim()).orElseThrow(() ->
                new InvalidParameterException("Cannot sort by '" + name.trim() + "'; sortable fields are "
                        + Arrays.stream(RecordingSortField.values()).map(RecordingSortField::fieldName)
                        .collect(Collectors.joining(", ")) + "."));
    }

    private static boolean ascending(String order) {
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new InvalidParameterException("Sort order must be asc or desc, not '" + order.trim() + "'.");
        };
    }
}
