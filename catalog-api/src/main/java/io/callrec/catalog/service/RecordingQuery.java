package io.callrec.catalog.service;

import io.callrec.catalog.domain.RecordingStatus;
import java.time.Instant;

/**
 * What a caller asks of the recording list; every filter is optional (null).
 *
 * @param q           substring of any name or number, case-insensitive
 * @param status      null lists every status but deleted
 * @param from        started at or after
 * @param to          started before
 * @param storedSince became available (in the catalog) at or after
 * @param ascending   sort order of {@code sortBy}
 */
public record RecordingQuery(String device, String sessionId, String localNumber, String remoteNumber, String q,
                             String direction, RecordingStatus status, Instant from, Instant to,
                             Instant storedSince, int page, int size, RecordingSortField sortBy, boolean ascending) {
}
