package io.medsync.nextgen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.JdbcTransaction;
import io.medsync.ledger.LedgerException;

/**
 * NextGen enrolments and consent flows in the ledger database. Tokens arrive and leave sealed: this class never
 * sees them in clear. A refresh runs under a row lock, so two replicas never spend the same refresh token (with
 * rotation, the second would revoke the grant).
 */
@ApplicationScoped
public class EnrolmentStore {

    /** The tokens of a grant as stored (sealed), with their key id. */
    public record StoredGrant(long id, String tenantId, String patientId, EnrolmentState state, String tokenKeyId,
            String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshIssuedAt,
            String stateReason, Instant enrolledAt, Instant updatedAt) {

        @Override
        public String toString() {
            return "StoredGrant[" + tenantId + "/" + patientId + " " + state + "]";
        }
    }

    /** Sealed tokens to store: both sealed with {@code keyId}; {@code refreshToken} null keeps the stored one. */
    public record SealedTokens(String keyId, String accessToken, Instant accessExpiresAt, String refreshToken,
            Instant refreshIssuedAt, String scope) {

        @Override
        public String toString() {
            return "SealedTokens[keyId=" + keyId + "]";
        }
    }

    /** What a locked refresh decided: new tokens, or the reason the grant is gone. */
    public record RefreshDecision(SealedTokens tokens, String refusedReason) {
    }

    /** A consent flow under way; {@code browserHash} is the hash of the cookie its browser holds. */
    public record PendingConsent(String tenantId, SealedPayload verifier, Instant expiresAt, String browserHash) {
    }

    private final DataSource dataSource;

    EnrolmentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a consent flow unless its tenant already has {@code maxPending} flows under way (expired ones are
     * deleted first): the public enrol link cannot grow the ledger without bound. False when the cap refused it.
     */
    public boolean savePending(String state, String tenantId, SealedPayload verifier, String browserHash, Instant now,
            Instant expiresAt, int maxPending) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from nextgen_pending_consent where tenant_id = ? and expires_at < ?")) {
                ps.setString(1, tenantId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            // One statement decides and inserts, so concurrent enrols overshoot the cap by their number at most.
            try (PreparedStatement ps = c.prepareStatement("insert into nextgen_pending_consent (state, tenant_id,"
                    + " verifier_key_id, code_verifier, browser_hash, created_at, expires_at)"
                    + " select ?, ?, ?, ?, ?, ?, ? from (select count(*) as n from nextgen_pending_consent"
                    + " where tenant_id = ?) pending where pending.n < ?")) {
                ps.setString(1, state);
                ps.setString(2, tenantId);
                ps.setString(3, verifier.keyId());
                ps.setString(4, verifier.ciphertext());
                ps.setString(5, browserHash);
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(expiresAt));
                ps.setString(8, tenantId);
                ps.setInt(9, maxPending);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Deletes the consent flows that expired before {@code now} (the scheduled sweep); returns how many. */
    public int sweepExpiredPending(Instant now) {
        return update("delete from nextgen_pending_consent where expires_at < ?", Timestamp.from(now));
    }

    /** How many consent flows are under way (all tenants). */
    public long pendingCount() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from nextgen_pending_consent"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LedgerException("cannot count NextGen consent flows", e);
        }
    }

    /** Takes (and deletes) a pending consent: a state value works once. Old flows are swept on the way. */
    public Optional<PendingConsent> takePending(String state, Instant now) {
        return inTransaction(c -> {
            Optional<PendingConsent> found = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("select tenant_id, verifier_key_id, code_verifier,"
                    + " expires_at, browser_hash from nextgen_pending_consent where state = ? for update")) {
                ps.setString(1, state);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = Optional.of(new PendingConsent(rs.getString(1), new SealedPayload(rs.getString(2),
                                rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from nextgen_pending_consent where state = ? or expires_at < ?")) {
                ps.setString(1, state);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            return found;
        });
    }

    /** Stores a fresh grant (a new consent or a re-consent): the enrolment becomes active. */
    public void saveGrant(String tenantId, String patientId, SealedTokens tokens, Instant now) {
        inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update nextgen_enrolment set state = 'ACTIVE',"
                    + " token_key_id = ?, access_token = ?, access_expires_at = ?, refresh_token = ?,"
                    + " refresh_issued_at = ?, scope = ?, state_reason = null, updated_at = ?"
                    + " where tenant_id = ? and patient_id = ?")) {
                bindTokens(ps, tokens);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setString(8, tenantId);
                ps.setString(9, patientId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("insert into nextgen_enrolment (token_key_id,"
                        + " access_token, access_expires_at, refresh_token, refresh_issued_at, scope, updated_at,"
                        + " tenant_id, patient_id, state, enrolled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)")) {
                    bindTokens(ps, tokens);
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.setString(8, tenantId);
                    ps.setString(9, patientId);
                    ps.setTimestamp(10, Timestamp.from(now));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<StoredGrant> grant(String tenantId, String patientId) {
        List<StoredGrant> found = grants("select * from nextgen_enrolment where tenant_id = ? and patient_id = ?",
                tenantId, patientId);
        return found.stream().findFirst();
    }

    /**
     * Runs {@code decide} on the grant under a row lock and stores its decision in the same transaction. Returns
     * the grant as it is afterwards, or empty when there is no enrolment.
     */
    public Optional<StoredGrant> refreshLocked(String tenantId, String patientId,
            Function<StoredGrant, RefreshDecision> decide, Instant now) {
        return inTransaction(c -> {
            StoredGrant current;
            try (PreparedStatement ps = c.prepareStatement(
                    "select * from nextgen_enrolment where tenant_id = ? and patient_id = ? for update")) {
                ps.setString(1, tenantId);
                ps.setString(2, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<StoredGrant>empty();
                    }
                    current = read(rs);
                }
            }
            RefreshDecision decision = decide.apply(current);
            if (decision == null) {
                return Optional.of(current);
            }
            if (decision.refusedReason() != null) {
                needsReconsent(c, tenantId, patientId, decision.refusedReason(), now);
            } else {
                SealedTokens t = decision.tokens();
                try (PreparedStatement ps = c.prepareStatement("update nextgen_enrolment set token_key_id = ?,"
                        + " access_token = ?, access_expires_at = ?, refresh_token = ?, refresh_issued_at = ?,"
                        + " scope = ?, updated_at = ? where tenant_id = ? and patient_id = ?")) {
                    bindTokens(ps, t);
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.setString(8, tenantId);
                    ps.setString(9, patientId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select * from nextgen_enrolment where tenant_id = ? and patient_id = ?")) {
                ps.setString(1, tenantId);
                ps.setString(2, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(read(rs));
                }
            }
        });
    }

    public List<Enrolment> list(String tenantId, EnrolmentState state) {
        StringBuilder sql = new StringBuilder("select * from nextgen_enrolment where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (tenantId != null) {
            sql.append(" and tenant_id = ?");
            args.add(tenantId);
        }
        if (state != null) {
            sql.append(" and state = ?");
            args.add(state.name());
        }
        sql.append(" order by id");
        return grants(sql.toString(), args.toArray()).stream().map(EnrolmentStore::view).toList();
    }

    /** How many enrolments of a tenant are in a state (read at every metrics scrape: a count, not the rows). */
    public long count(String tenantId, EnrolmentState state) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from nextgen_enrolment where tenant_id = ? and state = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot count NextGen enrolments", e);
        }
    }

    /** Active grants whose refresh token was issued before {@code before}: due for a refresh. */
    public List<Enrolment> ageing(Instant before) {
        return grants("select * from nextgen_enrolment where state = 'ACTIVE' and refresh_token is not null"
                + " and refresh_issued_at < ? order by refresh_issued_at", Timestamp.from(before)).stream()
                .map(EnrolmentStore::view).toList();
    }

    private static void needsReconsent(Connection c, String tenantId, String patientId, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update nextgen_enrolment set state = 'NEEDS_RECONSENT',"
                + " token_key_id = null, access_token = null, access_expires_at = null, refresh_token = null,"
                + " state_reason = ?, updated_at = ? where tenant_id = ? and patient_id = ?")) {
            ps.setString(1, reason.length() > 256 ? reason.substring(0, 256) : reason);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, tenantId);
            ps.setString(4, patientId);
            ps.executeUpdate();
        }
    }

    private static void bindTokens(PreparedStatement ps, SealedTokens t) throws SQLException {
        ps.setString(1, t.keyId());
        ps.setString(2, t.accessToken());
        ps.setTimestamp(3, Timestamp.from(t.accessExpiresAt()));
        ps.setString(4, t.refreshToken());
        ps.setTimestamp(5, t.refreshIssuedAt() == null ? null : Timestamp.from(t.refreshIssuedAt()));
        ps.setString(6, t.scope());
    }

    private static Enrolment view(StoredGrant g) {
        return new Enrolment(g.id(), g.tenantId(), g.patientId(), g.state(), g.stateReason(), g.accessExpiresAt(),
                g.refreshIssuedAt(), g.enrolledAt(), g.updatedAt());
    }

    private List<StoredGrant> grants(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<StoredGrant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException("cannot read NextGen enrolments", e);
        }
    }

    private static StoredGrant read(ResultSet rs) throws SQLException {
        return new StoredGrant(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("patient_id"),
                EnrolmentState.valueOf(rs.getString("state")), rs.getString("token_key_id"),
                rs.getString("access_token"), instant(rs.getTimestamp("access_expires_at")),
                rs.getString("refresh_token"), instant(rs.getTimestamp("refresh_issued_at")),
                rs.getString("state_reason"), instant(rs.getTimestamp("enrolled_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot write a NextGen consent", e);
        }
    }

    private <T> T inTransaction(JdbcTransaction.Work<T> work) {
        try {
            return JdbcTransaction.run(dataSource, work);
        } catch (SQLException e) {
            throw new LedgerException("cannot update NextGen enrolments", e);
        }
    }
}
