package io.medsync.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A dead letter was stored, on the dead-letters topic. The reason text stays in the ops API: NovaMed's messages
 * may quote the rejected values, so only the stage and HTTP status travel.
 */
@RegisterForReflection
public record DeadLetterNotice(int version, String type, long deadLetterId, String tenant, String source,
        String resource, String sourceId, String stage, Integer httpStatus, String at) {

    public static final String TYPE = "dead-letter";
}
