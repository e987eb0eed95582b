package io.medsync.sandbox;

import static io.medsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The Heidi simulator against contracts README section 4: keys per region, expiring JWTs, profiles, sessions. */
class HeidiSandboxTest {

    private static final String JWT = HeidiSandbox.JWT_PATH
            + "?email=test%40heidihealth.com&third_party_internal_id=u-1";

    private SandboxClock clock;
    private HeidiSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        clock = new SandboxClock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        sandbox = new HeidiSandbox(SandboxSettings.defaults().withEphemeralPorts(), clock);
        sandbox.start();
        http = new SandboxHttp(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void aRegionsKeyBuysAJwtThatExpiresAfterTheConfiguredLifetime() throws IOException {
        HttpResponse<String> answer = http.get(JWT, Map.of("Heidi-Api-Key", sandbox.apiKey("AU")));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(body.path("expiration_time").asText()).isEqualTo("2030-01-01T01:00:00.000Z");
        assertThat(sandbox.grant(body.path("token").asText()).orElseThrow().region()).isEqualTo("AU");
    }

    @Test
    void aWrongOrMissingKeyIsRefusedInHeidisErrorShape() throws IOException {
        HttpResponse<String> wrong = http.get(JWT, Map.of("Heidi-Api-Key", "not-a-key"));
        HttpResponse<String> missing = http.get(JWT, Map.of());
        sandbox.revokeApiKey("US");
        HttpResponse<String> revoked = http.get(JWT, Map.of("Heidi-Api-Key", sandbox.apiKey("US")));

        for (HttpResponse<String> answer : new HttpResponse[] { wrong, missing, revoked }) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(json(answer).path("detail").path("msg").asText()).isEqualTo("Invalid API key");
            assertThat(json(answer).path("detail").path("type").asText()).isEqualTo("AuthenticationError");
        }
    }

    @Test
    void bearerCallsNeedAnUnexpiredJwt() throws IOException {
        String token = json(http.get(JWT, Map.of("Heidi-Api-Key", sandbox.apiKey("AU")))).path("token").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);

        assertThat(http.post(HeidiSandbox.SESSIONS_PATH, "{}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(http.post(HeidiSandbox.SESSIONS_PATH, "{}", bearer).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = http.post(HeidiSandbox.SESSIONS_PATH, "{}", bearer);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).path("detail").path("type").asText()).isEqualTo("TokenExpiredError");
    }

    @Test
    void profilesAndSessionsLinkEhrIdsAndStayInTheirRegion() throws IOException {
        Map<String, String> au = bearer("AU");
        Map<String, String> us = bearer("US");

        HttpResponse<String> profile = http.post(HeidiSandbox.PATIENT_PROFILES_PATH,
                "{\"ehr_patient_id\":\"200109\"}", au);
        String profileId = json(profile).path("data").path("id").asText();
        HttpResponse<String> session = http.post(HeidiSandbox.SESSIONS_PATH,
                "{\"patient_profile_id\":\"" + profileId + "\",\"ehr_appointment_id\":\"3000000016\"}", au);
        String sessionId = json(session).path("session_id").asText();
        JsonNode read = json(http.get(HeidiSandbox.SESSIONS_PATH + "/" + sessionId, au)).path("session");

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(json(profile).path("data").path("ehr_patient_id").asText()).isEqualTo("200109");
        assertThat(read.path("ehr_appt_id").asText()).isEqualTo("3000000016");
        assertThat(read.path("ehr_patient_id").asText()).isEqualTo("200109");
        // Another region's key does not see them.
        assertThat(http.get(HeidiSandbox.PATIENT_PROFILES_PATH + "/" + profileId, us).statusCode()).isEqualTo(404);
        HttpResponse<String> foreign = http.post(HeidiSandbox.SESSIONS_PATH,
                "{\"patient_profile_id\":\"" + profileId + "\"}", us);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).path("detail").path("type").asText()).isEqualTo("PatientProfileNotFoundError");
    }

    @Test
    void profileFieldsAreCheckedAsHeidiDocumentsThem() throws IOException {
        Map<String, String> au = bearer("AU");

        HttpResponse<String> gender = http.post(HeidiSandbox.PATIENT_PROFILES_PATH, "{\"gender\":\"F\"}", au);
        HttpResponse<String> birthDate = http.post(HeidiSandbox.PATIENT_PROFILES_PATH,
                "{\"birth_date\":\"15/03/1985\"}", au);

        assertThat(gender.statusCode()).isEqualTo(422);
        assertThat(json(gender).path("detail").path("msg").asText()).contains("MALE, FEMALE, OTHER");
        assertThat(birthDate.statusCode()).isEqualTo(422);
        assertThat(json(birthDate).path("detail").path("type").asText()).isEqualTo("ValidationError");
    }

    @Test
    void settingsReadOneKeyPerConfiguredRegion() {
        SandboxSettings.Heidi defaults = SandboxSettings.defaults().heidi();
        SandboxSettings.Heidi custom = SandboxSettings.fromProperties(Map.of(
                "medsync.sandbox.heidi.regions", "au, eu",
                "medsync.sandbox.heidi.api-key.EU", "eu-key",
                "medsync.sandbox.heidi.token-lifetime", "PT5M")).heidi();

        assertThat(defaults.port()).isEqualTo(18094);
        assertThat(defaults.apiKeysByRegion()).containsOnlyKeys("AU", "US");
        assertThat(defaults.tokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(custom.apiKeysByRegion()).containsEntry("EU", "eu-key").containsEntry("AU", "sandbox-heidi-au-key");
        assertThat(custom.tokenLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(custom.toString()).doesNotContain("eu-key");
    }

    private Map<String, String> bearer(String region) throws IOException {
        String token = json(http.get(JWT, Map.of("Heidi-Api-Key", sandbox.apiKey(region)))).path("token").asText();
        return Map.of("Authorization", "Bearer " + token);
    }
}
