package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consent flow's failures store nothing; the token vault refreshes before expiry, keeps the rotated refresh
 * token, and turns a grant NextGen refuses into "needs re-consent" once, with no further calls for that patient.
 */
@QuarkusTest
class NextGenGrantTest extends StartsOnACleanSlate {

    static final String TENANT = NextGenTenantsProfile.R4_TENANT;

    @Inject
    SyncJobRunner runner;

    @Inject
    EnrolmentStore enrolments;

    String patientId;

    @BeforeEach
    void cleanSlate() {
        patientId = sandbox.nextGen().cleanPatientId();
    }

    @Test
    void deniedConsentStoresNothingAndSaysSo() throws Exception {
        JsonNode answer = NextGenConsentSyncTest.followConsent(TENANT, patientId + ":deny");
        assertThat(answer.path("http_status").asInt()).isEqualTo(403);
        assertThat(answer.path("error").asText()).isEqualTo("consent_access_denied");
        assertThat(enrolments.list(TENANT, null)).isEmpty();
    }

    @Test
    void aForgedOrReusedStateIsRefused() {
        given().queryParam("code", "anything").queryParam("state", "forged-state")
                .when().get("/nextgen/callback")
                .then().statusCode(400).body("error", is("unknown_state"));
        given().queryParam("code", "anything")
                .when().get("/nextgen/callback")
                .then().statusCode(400).body("error", is("missing_state"));
        assertThat(enrolments.list(TENANT, null)).isEmpty();
    }

    @Test
    void anUnknownTenantOrOneWithoutConsentIsA404() {
        given().redirects().follow(false).when().get("/nextgen/enrol/no-such-tenant")
                .then().statusCode(404).body("error", is("unknown_tenant"));
        given().redirects().follow(false).when().get("/nextgen/enrol/demo-clinic")
                .then().statusCode(404).body("error", is("no_patient_consent"));
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeUseAndTheRotatedRefreshTokenKept() throws Exception {
        enrol();
        EnrolmentStore.StoredGrant before = enrolments.grant(TENANT, patientId).orElseThrow();
        setTimes(Instant.now().plusSeconds(30), before.refreshIssuedAt());
        int refreshesBefore = refreshes();

        runner.runScheduled(TENANT, "nextgen");

        EnrolmentStore.StoredGrant after = enrolments.grant(TENANT, patientId).orElseThrow();
        assertThat(refreshes()).isEqualTo(refreshesBefore + 1);
        assertThat(after.accessExpiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
        assertThat(after.refreshIssuedAt()).isAfter(before.refreshIssuedAt());
        // The refresh came first: no FHIR call was refused on the way.
        assertThat(sandbox.nextGen().recorded()).noneMatch(r -> r.responseStatus() == 401);
        assertThat(after.state()).isEqualTo(EnrolmentState.ACTIVE);
    }

    @Test
    void aRefreshTokenPastNextGensFortyEightHoursNeedsReconsentWithoutAnyCall() throws Exception {
        enrol();
        setTimes(Instant.now().minusSeconds(60), Instant.now().minus(Duration.ofHours(49)));
        int requestsBefore = sandbox.nextGen().recorded().size();

        runner.runScheduled(TENANT, "nextgen");

        assertThat(enrolments.grant(TENANT, patientId).orElseThrow().state()).isEqualTo(EnrolmentState.NEEDS_RECONSENT);
        assertThat(sandbox.nextGen().recorded()).hasSize(requestsBefore);
    }

    @Test
    void aRevokedGrantNeedsReconsentOnceAndThePatientIsNotCalledAgain() throws Exception {
        enrol();
        sandbox.nextGen().revokeGrantsOf(patientId);

        runner.runScheduled(TENANT, "nextgen");

        EnrolmentStore.StoredGrant grant = enrolments.grant(TENANT, patientId).orElseThrow();
        assertThat(grant.state()).isEqualTo(EnrolmentState.NEEDS_RECONSENT);
        assertThat(grant.accessToken()).isNull();
        assertThat(grant.refreshToken()).isNull();
        given().auth().oauth2("sandbox-ops-token").queryParam("state", "needs_reconsent")
                .when().get("/ops/nextgen/enrolments")
                .then().statusCode(200).body("size()", is(1)).body("[0].patientId", is(patientId));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("medsync_nextgen_reconsent_required_total{tenant=\"" + TENANT + "\"} 1.0"));

        int requestsBefore = sandbox.nextGen().recorded().size();
        runner.runScheduled(TENANT, "nextgen");
        assertThat(sandbox.nextGen().recorded()).hasSize(requestsBefore);
        assertThat(sandbox.novaMed().recordedRequests()).noneMatch(r -> r.path().contains("medication"));

        // Consenting again makes the enrolment active again.
        NextGenConsentSyncTest.followConsent(TENANT, patientId);
        assertThat(enrolments.grant(TENANT, patientId).orElseThrow().state()).isEqualTo(EnrolmentState.ACTIVE);
    }

    private void enrol() throws Exception {
        JsonNode answer = NextGenConsentSyncTest.followConsent(TENANT, patientId);
        assertThat(answer.path("status").asText()).isEqualTo("enrolled");
    }

    private int refreshes() {
        return (int) sandbox.nextGen().tokenRequests().stream().filter(t -> t.grantType().equals("refresh_token")).count();
    }

    private void setTimes(Instant accessExpiresAt, Instant refreshIssuedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update nextgen_enrolment set access_expires_at = ?, refresh_issued_at = ? where patient_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(accessExpiresAt));
            ps.setTimestamp(2, Timestamp.from(refreshIssuedAt));
            ps.setString(3, patientId);
            ps.executeUpdate();
        }
    }
}
