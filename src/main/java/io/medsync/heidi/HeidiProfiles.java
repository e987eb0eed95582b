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

/** The crosswalk EHR patient → Heidi patient profile, per tenant and Heidi region (table heidi_patient_profile). */
@ApplicationScoped
public class HeidiProfiles {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    HeidiProfiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> find(String tenantId, String region, String ehrPatientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select heidi_profile_id from heidi_patient_profile"
                        + " where tenant_id = ? and region = ? and ehr_patient_id = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, region);
            ps.setString(3, ehrPatientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the Heidi profile of " + tenantId + "/" + ehrPatientId, e);
        }
    }

    /**
     * Remembers a newly created profile. When a concurrent preparation stored one first, that one wins (it is
     * returned) so every later session of the patient lands on the same profile.
     */
    public String remember(String tenantId, String region, String ehrPatientId, String heidiProfileId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into heidi_patient_profile (tenant_id, region,"
                        + " ehr_patient_id, heidi_profile_id, created_at) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, tenantId);
            ps.setString(2, region);
            ps.setString(3, ehrPatientId);
            ps.setString(4, heidiProfileId);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return heidiProfileId;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return find(tenantId, region, ehrPatientId).orElseThrow(() -> new LedgerException(
                        "Heidi profile of " + tenantId + "/" + ehrPatientId + " vanished after a conflict", e));
            }
            throw new LedgerException("cannot store the Heidi profile of " + tenantId + "/" + ehrPatientId, e);
        }
    }

    /** Forgets a profile Heidi no longer knows, so the next preparation creates a new one. */
    public void forget(String tenantId, String region, String ehrPatientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from heidi_patient_profile"
                        + " where tenant_id = ? and region = ? and ehr_patient_id = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, region);
            ps.setString(3, ehrPatientId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot forget the Heidi profile of " + tenantId + "/" + ehrPatientId, e);
        }
    }
}
