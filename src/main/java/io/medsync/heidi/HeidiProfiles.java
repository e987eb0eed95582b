package io.medsync.heidi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.LedgerException;
import io.medsync.ledger.UniqueKeyViolation;

/** The crosswalk EHR patient → Heidi patient profile, per tenant and Heidi region (table heidi_patient_profile). */
@ApplicationScoped
public class HeidiProfiles {

    private static final String KEY = " tenant_id = ? and region = ? and ehr_patient_id = ?";

    /** One statement on one patient's row; its first three parameters are the key. */
    private interface RowWork<T> {
        T run(PreparedStatement keyed) throws SQLException;
    }

    private final DataSource dataSource;

    HeidiProfiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> find(String tenantId, String region, String ehrPatientId) {
        return onRow("select heidi_profile_id from heidi_patient_profile where" + KEY, tenantId, region, ehrPatientId,
                "read", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                    }
                });
    }

    /**
     * Remembers a newly created profile. When a concurrent preparation stored one first, that one wins (it is
     * returned) so every later session of the patient lands on the same profile.
     */
    public String remember(String tenantId, String region, String ehrPatientId, String heidiProfileId) {
        boolean stored = onRow("insert into heidi_patient_profile (tenant_id, region, ehr_patient_id, heidi_profile_id,"
                + " created_at) values (?, ?, ?, ?, ?)", tenantId, region, ehrPatientId, "store", ps -> {
                    ps.setString(4, heidiProfileId);
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    try {
                        return ps.executeUpdate() == 1;
                    } catch (SQLException e) {
                        if (UniqueKeyViolation.is(e)) {
                            return false;
                        }
                        throw e;
                    }
                });
        return stored ? heidiProfileId : find(tenantId, region, ehrPatientId).orElseThrow(() -> new LedgerException(
                "Heidi profile of " + tenantId + "/" + ehrPatientId + " vanished after a conflict", null));
    }

    /** Forgets a profile Heidi no longer knows, so the next preparation creates a new one. */
    public void forget(String tenantId, String region, String ehrPatientId) {
        onRow("delete from heidi_patient_profile where" + KEY, tenantId, region, ehrPatientId, "forget",
                PreparedStatement::executeUpdate);
    }

    private <T> T onRow(String sql, String tenantId, String region, String ehrPatientId, String action,
            RowWork<T> work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, region);
            ps.setString(3, ehrPatientId);
            return work.run(ps);
        } catch (SQLException e) {
            throw new LedgerException("cannot " + action + " the Heidi profile of " + tenantId + "/" + ehrPatientId, e);
        }
    }
}
