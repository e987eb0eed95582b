package io.medsync.ledger;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Leases on scheduled jobs in the shared ledger database (table {@code job_lease}), so that of several replicas
 * exactly one runs each trigger of a job. Works alike on H2 and PostgreSQL: one conditional UPDATE takes a lease,
 * the unique key settles a race for a job's first row.
 */
@ApplicationScoped
public class JobLeases {

    /**
     * Route property a scheduled route sets to {@code "true"} when it runs on every replica without a lease, because
     * it claims its own work (row by row, or one idempotent statement): {@code .routeProperty(JobLeases.NO_LEASE,
     * "true")}. The route declares it itself, so renaming a route never changes whether it is guarded.
     */
    public static final String NO_LEASE = "medsync.job.no-lease";

    /** A lease held by this replica; {@code token} fences it against a later holder. */
    public record Lease(String job, String holder, long token, long slot) {
    }

    /** SQLSTATE class of integrity constraint violations, on H2 and PostgreSQL alike. */
    private static final String CONSTRAINT_VIOLATION = "23";

    private final DataSource dataSource;
    private final Clock clock;
    private final String holder;

    @Inject
    JobLeases(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    JobLeases(DataSource dataSource, Clock clock, String holder) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.holder = holder;
    }

    /** Who this replica is in {@code job_lease.holder}: process name (pid@host) and a per-start suffix. */
    public String holder() {
        return holder;
    }

    /**
     * Takes the job's lease for the trigger {@code slot}, if no live holder has it and no replica has taken it for
     * this slot (or a later one) already.
     */
    public Optional<Lease> acquire(String job, long slot, Duration ttl) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update job_lease set holder = ?,"
                    + " fencing_token = fencing_token + 1, last_slot = ?, acquired_at = ?, expires_at = ?"
                    + " where job = ? and last_slot < ? and (holder is null or expires_at < ?)")) {
                update.setString(1, holder);
                update.setLong(2, slot);
                update.setTimestamp(3, Timestamp.from(now));
                update.setTimestamp(4, Timestamp.from(now.plus(ttl)));
                update.setString(5, job);
                update.setLong(6, slot);
                update.setTimestamp(7, Timestamp.from(now));
                if (update.executeUpdate() == 1) {
                    return token(c, job).map(token -> new Lease(job, holder, token, slot));
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into job_lease (job, holder, fencing_token,"
                    + " last_slot, acquired_at, expires_at) values (?, ?, 1, ?, ?, ?)")) {
                insert.setString(1, job);
                insert.setString(2, holder);
                insert.setLong(3, slot);
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(now.plus(ttl)));
                insert.executeUpdate();
                return Optional.of(new Lease(job, holder, 1, slot));
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith(CONSTRAINT_VIOLATION)) {
                    return Optional.empty(); // the row exists: held, or this slot already taken
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException("job lease " + job + ": acquire failed", e);
        }
    }

    /** Extends a held lease; false when it was lost (expired and taken by another replica). */
    public boolean renew(Lease lease, Duration ttl) {
        return update(lease, "update job_lease set expires_at = ? where job = ? and holder = ? and fencing_token = ?",
                clock.instant().plus(ttl));
    }

    /** Gives a lease up at the end of a run; the slot it ran for stays taken. */
    public void release(Lease lease) {
        update(lease, "update job_lease set holder = null, expires_at = ? where job = ? and holder = ?"
                + " and fencing_token = ?", clock.instant());
    }

    private boolean update(Lease lease, String sql, Instant expiresAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(expiresAt));
            s.setString(2, lease.job());
            s.setString(3, lease.holder());
            s.setLong(4, lease.token());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("job lease " + lease.job() + ": update failed", e);
        }
    }

    private Optional<Long> token(Connection c, String job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select fencing_token from job_lease where job = ? and holder = ?")) {
            s.setString(1, job);
            s.setString(2, holder);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}
