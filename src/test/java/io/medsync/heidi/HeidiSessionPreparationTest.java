package io.medsync.heidi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.HeidiSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code POST /heidi/sessions}: a NexHealth appointment in, a Heidi session on the right EHR ids out. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeidiSessionPreparationTest extends HeidiEndpointTest {

    private static final String SESSIONS = "/heidi/sessions";
    private static final String TENANT = "demo-clinic";

    @Inject
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();
    private Iterator<Long> visits;

    @BeforeAll
    void freshSandboxes() {
        CleanSlate.reset(sandbox, dataSource);
        // Booked visits with a patient, each test taking its own.
        visits = sandbox.nexHealth().appointmentIds().stream().filter(id -> {
            ObjectNode a = sandbox.nexHealth().appointment(id).orElseThrow();
            return !a.path("patient_id").isNull() && !a.path("unavailable").asBoolean()
                    && !a.path("cancelled").asBoolean();
        }).toList().iterator();
    }

    @Test
    void aSessionIsPreparedOnTheAppointmentsEhrIdsAndTheProfileIsReused() throws Exception {
        long appointmentId = visits.next();
        long patientId = patientOf(appointmentId);
        Map<String, Object> clinician = broker.newClinician("AU");

        Response first = prepare(appointmentId, clinician);

        assertThat(first.statusCode()).isEqualTo(200);
        String sessionId = first.jsonPath().getString("session_id");
        String profileId = first.jsonPath().getString("patient_profile_id");
        assertThat(first.jsonPath().getString("ehr_appointment_id")).isEqualTo(String.valueOf(appointmentId));
        assertThat(first.jsonPath().getString("ehr_patient_id")).isEqualTo(String.valueOf(patientId));
        assertThat(first.jsonPath().getString("token")).isNotBlank();
        assertThat(first.jsonPath().getString("expiration_time")).endsWith("Z");

        // What Heidi received: a profile with the EHR patient id and nothing else, a session on both EHR ids.
        List<RecordedRequest> profileCreates = broker.requests("POST", HeidiSandbox.PATIENT_PROFILES_PATH);
        assertThat(profileCreates).hasSize(1);
        assertThat(json.readTree(profileCreates.get(0).body()))
                .isEqualTo(json.readTree("{\"ehr_patient_id\":\"" + patientId + "\"}"));
        HeidiSandbox.Stored session = session(sessionId);
        assertThat(session.region()).isEqualTo("AU");
        assertThat(session.body().path("ehr_appt_id").asText()).isEqualTo(String.valueOf(appointmentId));
        assertThat(session.body().path("ehr_patient_id").asText()).isEqualTo(String.valueOf(patientId));
        assertThat(session.body().path("patient_profile_id").asText()).isEqualTo(profileId);
        String bearer = broker.requests("POST", HeidiSandbox.SESSIONS_PATH).get(0).header("Authorization");
        assertThat(bearer).isEqualTo("Bearer " + first.jsonPath().getString("token"));
        assertThat(storedProfile(patientId, "AU")).isEqualTo(profileId);

        // Another visit of the same patient: a new session on the same profile, no new profile.
        long nextVisit = sandbox.nexHealth().addAppointment(patientId, Instant.now().plus(Duration.ofDays(3)),
                Duration.ofMinutes(30), a -> {
                });
        Response second = prepare(nextVisit, clinician);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.jsonPath().getString("patient_profile_id")).isEqualTo(profileId);
        assertThat(second.jsonPath().getString("session_id")).isNotEqualTo(sessionId);
        assertThat(session(second.jsonPath().getString("session_id")).body().path("ehr_appt_id").asText())
                .isEqualTo(String.valueOf(nextVisit));
        assertThat(broker.requests("POST", HeidiSandbox.PATIENT_PROFILES_PATH)).hasSize(1);
        assertThat(broker.requests("POST", HeidiSandbox.SESSIONS_PATH)).hasSize(2);
        // The clinician's token came from the broker's cache both times.
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);
    }

    @Test
    void eachRegionHasItsOwnProfileOfThePatient() {
        long appointmentId = visits.next();
        long patientId = patientOf(appointmentId);

        String auProfile = prepare(appointmentId, broker.newClinician("AU")).jsonPath().getString("patient_profile_id");
        Response us = prepare(appointmentId, broker.newClinician("US"));

        assertThat(us.statusCode()).isEqualTo(200);
        assertThat(us.jsonPath().getString("patient_profile_id")).isNotEqualTo(auProfile);
        assertThat(storedProfile(patientId, "US")).isEqualTo(us.jsonPath().getString("patient_profile_id"));
        assertThat(session(us.jsonPath().getString("session_id")).region()).isEqualTo("US");
    }

    @Test
    void aProfileDeletedInHeidiIsReplacedOnce() {
        long appointmentId = visits.next();
        long patientId = patientOf(appointmentId);
        Map<String, Object> clinician = broker.newClinician("AU");
        String oldProfile = prepare(appointmentId, clinician).jsonPath().getString("patient_profile_id");
        broker.heidi().deletePatientProfile(oldProfile);

        Response again = prepare(appointmentId, clinician);

        assertThat(again.statusCode()).isEqualTo(200);
        String newProfile = again.jsonPath().getString("patient_profile_id");
        assertThat(newProfile).isNotEqualTo(oldProfile);
        assertThat(storedProfile(patientId, "AU")).isEqualTo(newProfile);
        assertThat(session(again.jsonPath().getString("session_id")).body().path("patient_profile_id").asText())
                .isEqualTo(newProfile);
    }

    @Test
    void anExpiredTokenIsRenewedOnceOnHeidisRefusal() {
        long appointmentId = visits.next();
        Map<String, Object> clinician = broker.newClinician("AU");
        assertThat(broker.post("/heidi/token", clinician).statusCode()).isEqualTo(200);
        // Heidi ends the token early (the broker's cache still holds it): the 401 makes the broker fetch a new one.
        broker.heidi().expireAllTokens();

        Response answer = prepare(appointmentId, clinician);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(broker.jwtCallsFor(clinician)).hasSize(2);
        assertThat(broker.requests("POST", HeidiSandbox.PATIENT_PROFILES_PATH).stream()
                .map(RecordedRequest::responseStatus)).containsExactly(401, 200);
    }

    @Test
    void anUnknownTenantOrAppointmentIsA404() {
        Map<String, Object> clinician = broker.newClinician("AU");

        Response unknownTenant = broker.post(SESSIONS, Map.of("tenant", "nobody", "appointment_id", 1,
                "clinician", clinician));
        Response unknownAppointment = prepare(987_654_321L, clinician);

        assertThat(unknownTenant.statusCode()).isEqualTo(404);
        assertThat(unknownTenant.jsonPath().getString("error")).isEqualTo("unknown_tenant");
        assertThat(unknownAppointment.statusCode()).isEqualTo(404);
        assertThat(unknownAppointment.jsonPath().getString("error")).isEqualTo("appointment_not_found");
        assertThat(unknownAppointment.jsonPath().getString("message")).contains("987654321", TENANT);
        assertThat(broker.heidi().recordedRequests()).isEmpty();
    }

    @Test
    void aScheduleBlockHasNoPatientToOpenTheScribeOn() {
        long block = sandbox.nexHealth().appointmentIds().stream()
                .filter(id -> sandbox.nexHealth().appointment(id).orElseThrow().path("unavailable").asBoolean())
                .findFirst().orElseThrow();

        Response answer = prepare(block, broker.newClinician("AU"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("appointment_without_patient");
        assertThat(broker.heidi().recordedRequests()).isEmpty();
    }

    @Test
    void heidiFailuresMapAsForTokens() {
        long appointmentId = visits.next();
        Map<String, Object> clinician = broker.newClinician("US");
        broker.heidi().faults().respondWith(HeidiSandbox.PATIENT_PROFILES_PATH, 1, 502,
                "{\"detail\":{\"msg\":\"Bad gateway\",\"type\":\"UpstreamError\"}}");

        Response answer = prepare(appointmentId, clinician);

        // A create is not resent after a 5xx (Heidi documents no deduplication): the caller may ask again.
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("heidi_unavailable");
        assertThat(broker.requests("POST", HeidiSandbox.PATIENT_PROFILES_PATH)).hasSize(1);
        assertThat(prepare(appointmentId, clinician).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCall() {
        Map<String, Object> clinician = broker.newClinician("AU");
        assertBadRequest(Map.of("appointment_id", 1, "clinician", clinician), "tenant is required");
        assertBadRequest(Map.of("tenant", TENANT, "clinician", clinician), "appointment_id is required");
        assertBadRequest(Map.of("tenant", TENANT, "appointment_id", -4, "clinician", clinician),
                "appointment_id must be a positive");
        assertBadRequest(Map.of("tenant", TENANT, "appointment_id", 1), "clinician must be an object");
        assertBadRequest(Map.of("tenant", TENANT, "appointment_id", 1, "clinician",
                Map.of("email", "x", "ehr_user_id", "u", "region", "AU")), "clinician.email is not a valid");
        assertBadRequest(Map.of("tenant", TENANT, "appointment_id", 1, "clinician",
                Map.of("email", clinician.get("email"), "ehr_user_id", "u", "region", "ZZ")), "known regions: AU, US");
        assertThat(broker.heidi().recordedRequests()).isEmpty();
        assertThat(broker.post(SESSIONS, null, Map.of()).statusCode()).isEqualTo(401);
    }

    private void assertBadRequest(Object body, String message) {
        Response answer = broker.post(SESSIONS, body);
        assertThat(answer.statusCode()).as(message).isEqualTo(400);
        assertThat(answer.jsonPath().getString("message")).contains(message);
    }

    private Response prepare(long appointmentId, Map<String, Object> clinician) {
        return broker.post(SESSIONS, Map.of("tenant", TENANT, "appointment_id", appointmentId,
                "clinician", clinician));
    }

    private long patientOf(long appointmentId) {
        return sandbox.nexHealth().appointment(appointmentId).orElseThrow().path("patient_id").asLong();
    }

    private HeidiSandbox.Stored session(String id) {
        return broker.heidi().sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private String storedProfile(long patientId, String region) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select heidi_profile_id from heidi_patient_profile where tenant_id = '"
                        + TENANT + "' and region = '" + region + "' and ehr_patient_id = '" + patientId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
