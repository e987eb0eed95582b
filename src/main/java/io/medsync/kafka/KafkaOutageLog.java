package io.medsync.kafka;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Kafka trouble logged as state changes, not per attempt: one WARN when a problem starts (broker unreachable, a topic
 * missing), one INFO when it is over, and while it lasts a summary every {@code medsync.kafka.outage-summary-interval}.
 * No stack traces: an outage is expected operation, its kind and duration are what an operator needs.
 */
@ApplicationScoped
public class KafkaOutageLog {

    private static final Logger LOG = Logger.getLogger(KafkaOutageLog.class);

    private final Duration summaryInterval;
    private String problem;
    private Instant since;
    private Instant lastSummary;
    private long failedAttempts;

    KafkaOutageLog(KafkaSettings settings) {
        this.summaryInterval = settings.outageSummaryInterval();
    }

    /** An attempt failed because of {@code problem} (ids and topic names only). */
    public synchronized void failed(String problem) {
        Instant now = Instant.now();
        failedAttempts++;
        if (this.problem == null) {
            LOG.warnf("Kafka: %s; outbox events wait in the ledger and are published once Kafka takes them", problem);
            since = now;
            lastSummary = now;
            failedAttempts = 1;
        }
        // A different symptom of the same outage (a send timing out as the broker comes back) is no new state.
        this.problem = problem;
        if (!now.isBefore(lastSummary.plus(summaryInterval))) {
            LOG.warnf("Kafka: still %s (for %s, %d attempt(s) failed)", problem, rounded(Duration.between(since, now)),
                    failedAttempts);
            lastSummary = now;
        }
    }

    /** An attempt succeeded: an ongoing problem is over. */
    public synchronized void succeeded() {
        if (problem != null) {
            LOG.infof("Kafka: back after %s (%d attempt(s) failed)", rounded(Duration.between(since, Instant.now())),
                    failedAttempts);
            problem = null;
            since = null;
        }
    }

    public synchronized boolean troubled() {
        return problem != null;
    }

    private static Duration rounded(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
