package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What both webhook inboxes share (NexHealth's {@code webhook_inbox}, NovaMed's {@code novamed_event}): which stored
 * events are due, claiming one before it is processed, and counting a failed attempt with exponential backoff up to
 * the limit. Each inbox is a table with {@code id}, {@code status} ({@value #PENDING} until processed),
 * {@code attempts}, {@code last_error} and {@code next_attempt_at}; the table names are constants of our code.
 */
@ApplicationScoped
public class WebhookRetries {

    public static final String PENDING = "PENDING";
    /** Given up after the last attempt; a dead letter says why. */
    public static final String FAILED = "FAILED";

    /** A failed attempt, counted; {@code givenUp} when it was the last one allowed. */
    public record FailedAttempt(long id, int attempts, boolean givenUp, String reason) {
    }

    private static final int MAX_ERROR_LENGTH = 512;

    private final DataSource dataSource;
    private final WebhookInboxSettings settings;

    WebhookRetries(DataSource dataSource, WebhookInboxSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Ids of pending events nobody holds and whose next attempt is due, oldest first. */
    public List<Long> due(String table, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from " + table + " where status = ?"
                        + " and (next_attempt_at is null or next_attempt_at <= ?) order by id")) {
            ps.setString(1, PENDING);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setMaxRows(limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the " + table + " inbox", e);
        }
    }

    /**
     * Takes a due event for processing (until the claim timeout). False when it is not due: processed, held by
     * another consumer, or waiting for its retry.
     */
    public boolean claim(String table, long id) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update " + table + " set next_attempt_at = ? where id = ?"
                        + " and status = ? and (next_attempt_at is null or next_attempt_at <= ?)")) {
            ps.setTimestamp(1, Timestamp.from(now.plus(settings.claimTimeout())));
            ps.setLong(2, id);
            ps.setString(3, PENDING);
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("cannot claim " + table + " event " + id, e);
        }
    }

    /** What is recorded when an event is given up on, in the transaction that marks it {@value #FAILED}. */
    @FunctionalInterface
    public interface GivingUp {
        void record(Connection c, FailedAttempt attempt) throws SQLException;
    }

    /**
     * Counts a failed attempt: the event waits for its next one (exponential backoff), or, at the limit, leaves
     * PENDING for {@value #FAILED} and {@code givingUp} records why in the same transaction (a crash between the two
     * would leave an event nobody tries again and no dead letter to replay it from).
     *
     * @param reason names what failed, never event or record content
     */
    public FailedAttempt failed(String table, long id, String reason, GivingUp givingUp) {
        String error = reason == null || reason.length() <= MAX_ERROR_LENGTH ? reason
                : reason.substring(0, MAX_ERROR_LENGTH);
        try {
            return JdbcTransaction.run(dataSource, c -> {
                int attempts = attempts(c, table, id) + 1;
                boolean givenUp = attempts >= settings.retry().maxAttempts();
                try (PreparedStatement ps = c.prepareStatement("update " + table + " set attempts = ?,"
                        + " last_error = ?, next_attempt_at = ?, status = ? where id = ? and status = ?")) {
                    ps.setInt(1, attempts);
                    ps.setString(2, error);
                    ps.setTimestamp(3, givenUp ? null : Timestamp.from(Instant.now().plus(backoff(attempts))));
                    ps.setString(4, givenUp ? FAILED : PENDING);
                    ps.setLong(5, id);
                    ps.setString(6, PENDING);
                    ps.executeUpdate();
                }
                FailedAttempt attempt = new FailedAttempt(id, attempts, givenUp, reason);
                if (givenUp) {
                    givingUp.record(c, attempt);
                }
                return attempt;
            });
        } catch (SQLException e) {
            throw new LedgerException("cannot count a failed attempt of " + table + " event " + id, e);
        }
    }

    /**
     * Puts an event given up on back into the inbox for a fresh series of attempts (a dead letter replayed by an
     * operator). True when the event is in the inbox, whatever its status: a second dead letter of one event (one per
     * tenant) finds it already pending or processed.
     */
    public boolean requeue(String table, long id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("update " + table + " set status = ?, attempts = 0,"
                    + " last_error = null, next_attempt_at = null where id = ? and status = ?")) {
                ps.setString(1, PENDING);
                ps.setLong(2, id);
                ps.setString(3, FAILED);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select 1 from " + table + " where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot requeue " + table + " event " + id, e);
        }
    }

    /** The wait after the n-th failed attempt: the initial delay, doubled each time, capped. */
    Duration backoff(int attempts) {
        WebhookInboxSettings.Retry retry = settings.retry();
        Duration delay = retry.initialDelay().multipliedBy(1L << Math.min(attempts - 1, 30));
        return delay.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : delay;
    }

    private static int attempts(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select attempts from " + table + " where id = ? for update")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("no " + table + " event " + id, null);
                }
                return rs.getInt(1);
            }
        }
    }
}
