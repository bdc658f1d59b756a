package io.callrec.gateway.sip.metadata;

/**
 * A party of the recorded call as the metadata names it.
 *
 * @param number the user part of its address of record ({@code 1009} of {@code sip:1009@pbx}); null when none
 * @param name   its display name; null when none
 */
public record Participant(String id, String number, String name) {
}
