package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.ConsentBrowser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With schedules on and a patient-consent tenant, the grant keeper runs on its own schedule and refreshes a grant
 * whose refresh token nears NextGen's 48 hours, leaving fresh grants alone.
 */
@QuarkusTest
@TestProfile(NextGenGrantKeeperTest.WithSchedules.class)
class NextGenGrantKeeperTest {

    public static class WithSchedules extends NextGenTenantsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("medsync.schedules.enabled", "true");
            config.put("medsync.tenants.demo-clinic.schedule.nexhealth-sync", "off");
            config.put("medsync.tenants." + R4_TENANT + ".schedule.nextgen-sync", "off");
            config.put("medsync.tenants." + DSTU2_TENANT + ".schedule.nextgen-sync", "off");
            return config;
        }
    }

    static final String TENANT = NextGenTenantsProfile.R4_TENANT;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    CamelContext camel;

    @Inject
    NextGenGrantKeeper keeper;

    @Inject
    EnrolmentStore enrolments;

    @BeforeEach
    void cleanSlate() {
        CleanSlate.reset(sandbox, dataSource);
    }

    @Test
    void theKeeperIsScheduledAndRefreshesOnlyAgeingGrants() throws Exception {
        assertThat(camel.getRoute("nextgen-grant-keeper")).isNotNull();
        assertThat(camel.getRoute("nextgen-grant-keeper").getEndpoint().getEndpointUri()).startsWith("quartz://");

        String ageing = sandbox.nextGen().patientIds().get(0);
        String fresh = sandbox.nextGen().patientIds().get(1);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, ageing);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, fresh);
        Instant issued40HoursAgo = Instant.now().minus(Duration.ofHours(40));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update nextgen_enrolment set refresh_issued_at = ? where patient_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(issued40HoursAgo));
            ps.setString(2, ageing);
            ps.executeUpdate();
        }
        Instant freshIssued = enrolments.grant(TENANT, fresh).orElseThrow().refreshIssuedAt();

        assertThat(keeper.keepAlive()).isEqualTo(1);

        assertThat(enrolments.grant(TENANT, ageing).orElseThrow().refreshIssuedAt()).isAfter(issued40HoursAgo.plus(
                Duration.ofHours(39)));
        assertThat(enrolments.grant(TENANT, fresh).orElseThrow().refreshIssuedAt()).isEqualTo(freshIssued);
    }
}
