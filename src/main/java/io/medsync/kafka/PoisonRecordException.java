package io.medsync.kafka;

/**
 * An inbound record that no retry can fix (not JSON, unknown version, missing field, unknown tenant...). The message
 * names fields and rules, never the values: it is stored, logged and sent as a Kafka header.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }
}
