package io.medsync.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker of one partner API key: closed while the partner answers; open after {@code threshold}
 * calls in a row ended in an outage (nothing reached it, 5xx, timeouts, 503, a 429 that never ended), when records
 * are not sent at all; after {@code openFor} one record is let through as a probe (half-open), whose answer closes
 * or reopens it. Any answer, a refusal included, counts as the partner being there.
 */
public final class PartnerCircuit {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final String partner;
    private final String tenant;
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failuresInARow;
    private Instant changedAt;
    private Instant probeSentAt;
    private long answers;
    private long openings;

    PartnerCircuit(String partner, String tenant, int threshold, Duration openFor, Clock clock) {
        this.partner = partner;
        this.tenant = tenant;
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
        this.changedAt = clock.instant();
    }

    /** True when a call may go out now: always while closed, once per {@code openFor} as a probe otherwise. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (now.isBefore(changedAt.plus(openFor))) {
                    return false;
                }
                state = State.HALF_OPEN;
                changedAt = now;
                probeSentAt = now;
                return true;
            }
            default -> {
                // A probe that never reported back (its record failed before the call) does not hold the circuit.
                if (now.isBefore(probeSentAt.plus(openFor))) {
                    return false;
                }
                probeSentAt = now;
                return true;
            }
        }
    }

    /** The partner answered (a success or a refusal). */
    public synchronized void answered() {
        answered(openings);
    }

    /**
     * The partner answered a call sent when the circuit had opened {@code openingsAtCall} times. An answer to a call
     * sent before the circuit last opened is counted, but says nothing about the partner now: it does not close the
     * circuit (with parallel workers, a call sent just before an outage used to close the circuit its failures had
     * opened, and the next records went out into the outage).
     */
    public synchronized void answered(long openingsAtCall) {
        answers++;
        if (state != State.CLOSED && openingsAtCall != openings) {
            return;
        }
        failuresInARow = 0;
        if (state != State.CLOSED) {
            state = State.CLOSED;
            changedAt = clock.instant();
        }
    }

    /** The call ended in an outage; a failed probe reopens the circuit at once. */
    public synchronized void failed() {
        failuresInARow++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= threshold)) {
            if (state == State.CLOSED) {
                openings++;
            }
            state = State.OPEN;
            changedAt = clock.instant();
        }
    }

    /** How many times the circuit opened (a failed probe reopening it does not count): taken when a call is sent. */
    public synchronized long openings() {
        return openings;
    }

    /** How many answers this circuit has seen: a record's call that failed while the count rose failed alone. */
    public synchronized long answers() {
        return answers;
    }

    public synchronized State state() {
        return state;
    }

    /** True unless closed: records of this partner wait. */
    public synchronized boolean unavailable() {
        return state != State.CLOSED;
    }

    public synchronized Instant changedAt() {
        return changedAt;
    }

    public String partner() {
        return partner;
    }

    /** The first tenant that used this key (tenants sharing a key share its circuit). */
    public String tenant() {
        return tenant;
    }
}
