package io.callrec.contracts;

import java.time.Instant;

/**
 * A record set aside on {@code callrec.deadletter} because it could not be processed (malformed, or failing
 * every time): its partition moves on, and an operator can read why and replay it.
 *
 * @param service     the consumer that gave up on it
 * @param topic       where the record came from
 * @param partition   its partition
 * @param offset      its offset
 * @param key         its key (the recording id on every callrec topic), may be null
 * @param reason      why it could not be processed, for people
 * @param valueBase64 the record's value, base64, at most the first 64 KiB
 * @param at          when it was set aside
 */
public record DeadLetter(String service, String topic, int partition, long offset, String key, String reason,
                         String valueBase64, Instant at) {
}
