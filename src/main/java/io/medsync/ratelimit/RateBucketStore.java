package io.medsync.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import javax.sql.DataSource;

import io.medsync.ledger.UniqueKeyViolation;

/**
 * The {@code rate_bucket} table. {@link #update} runs one short transaction: lock the row ({@code select ... for
 * update}, inserting it on first use), let the caller change the bucket, write it back, commit. Works on H2 and
 * PostgreSQL.
 */
final class RateBucketStore {

    private static final int MAX_INSERT_RACES = 10;

    /** What a transaction computed: the bucket to store and the answer for the caller. */
    record Change<T>(TokenBucket bucket, T answer) {
    }

    private final DataSource dataSource;

    RateBucketStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks (or creates with {@code initial}) the bucket, applies {@code change} and commits. Two replicas creating
     * the same bucket at once: the loser gets a unique violation, rolls back and retries, and then finds the row.
     */
    <T> T update(String bucketKey, TokenBucket initial, Function<TokenBucket, Change<T>> change) {
        for (int race = 0;; race++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    TokenBucket current = lock(c, bucketKey);
                    boolean created = current == null;
                    if (created) {
                        insert(c, bucketKey, initial);
                        current = initial;
                    }
                    Change<T> result = change.apply(current);
                    if (created || !result.bucket().equals(current)) {
                        write(c, bucketKey, result.bucket());
                    }
                    c.commit();
                    return result.answer();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (UniqueKeyViolation.is(e) && race < MAX_INSERT_RACES) {
                    continue;
                }
                throw new RateBudgetException("cannot update rate bucket " + bucketKey, e);
            }
        }
    }

    /** The stored bucket, without locking; null when it does not exist yet. For tests and diagnostics. */
    TokenBucket read(String bucketKey) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select tokens, refilled_at, blocked_until from rate_bucket where bucket_key = ?")) {
            ps.setString(1, bucketKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? bucket(rs) : null;
            }
        } catch (SQLException e) {
            throw new RateBudgetException("cannot read rate bucket " + bucketKey, e);
        }
    }

    private static TokenBucket lock(Connection c, String bucketKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select tokens, refilled_at, blocked_until from rate_bucket where bucket_key = ? for update")) {
            ps.setString(1, bucketKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? bucket(rs) : null;
            }
        }
    }

    private static void insert(Connection c, String bucketKey, TokenBucket bucket) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into rate_bucket (bucket_key, tokens, refilled_at, blocked_until) values (?, ?, ?, ?)")) {
            ps.setString(1, bucketKey);
            bind(ps, 2, bucket);
            ps.executeUpdate();
        }
    }

    private static void write(Connection c, String bucketKey, TokenBucket bucket) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update rate_bucket set tokens = ?, refilled_at = ?, blocked_until = ? where bucket_key = ?")) {
            bind(ps, 1, bucket);
            ps.setString(4, bucketKey);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, int first, TokenBucket bucket) throws SQLException {
        ps.setDouble(first, bucket.tokens());
        ps.setObject(first + 1, utc(bucket.refilledAt()));
        if (bucket.blockedUntil() == null) {
            ps.setNull(first + 2, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(first + 2, utc(bucket.blockedUntil()));
        }
    }

    private static TokenBucket bucket(ResultSet rs) throws SQLException {
        OffsetDateTime blockedUntil = rs.getObject(3, OffsetDateTime.class);
        return new TokenBucket(rs.getDouble(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                blockedUntil == null ? null : blockedUntil.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
