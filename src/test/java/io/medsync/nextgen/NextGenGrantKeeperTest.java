package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.SchedulesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With schedules on and a patient-consent tenant (every test application has two), the grant keeper runs on its own
 * schedule and refreshes a grant whose refresh token nears NextGen's 48 hours, leaving fresh grants alone.
 */
@QuarkusTest
@TestProfile(SchedulesProfile.class)
class NextGenGrantKeeperTest {

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
    void quietAndClean() throws Exception {
        // demo-clinic's every-second sync is another test's subject here: stopping it waits for the sync in flight.
        camel.getRouteController().stopRoute(SchedulesProfile.DEMO_CLINIC_SCHEDULE);
        CleanSlate.reset(sandbox, dataSource);
    }

    @AfterEach
    void scheduleBackOn() throws Exception {
        camel.getRouteController().startRoute(SchedulesProfile.DEMO_CLINIC_SCHEDULE);
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
