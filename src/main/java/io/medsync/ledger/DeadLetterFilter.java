package io.medsync.ledger;

import java.time.Instant;

/** Which dead letters an operator means; null fields do not filter. */
public record DeadLetterFilter(String tenantId, String stage, DeadLetter.Status status, Instant since, Instant until,
        int limit) {

    public static DeadLetterFilter open() {
        return new DeadLetterFilter(null, null, DeadLetter.Status.OPEN, null, null, 1000);
    }
}
