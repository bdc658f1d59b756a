package io.callrec.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record could not be set aside (Kafka did not store its dead letter): it must be read again, not skipped. */
public final class DeadLetterException extends RuntimeException {

    DeadLetterException(ConsumerRecord<String, byte[]> record, Throwable cause) {
        super("could not set " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " aside: " + cause.getMessage(), cause);
    }
}
