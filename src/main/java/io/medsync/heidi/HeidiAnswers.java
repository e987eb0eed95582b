package io.medsync.heidi;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Heidi's successful answers as the partner route reads them (Camel Jackson, {@code PartnerRequest.answeredAs}),
 * reduced to what the broker passes on. Error answers are read from their text ({@code detail.type} only).
 */
@RegisterForReflection
final class HeidiAnswers {

    private HeidiAnswers() {
    }

    /** {@code GET /jwt}: the widget token and its expiry, an ISO-8601 instant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Jwt(String token, @JsonProperty("expiration_time") Instant expirationTime) {
    }

    /** {@code POST /patient-profiles}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PatientProfileCreated(Id data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Id(String id) {
    }

    /** {@code POST /sessions}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionCreated(@JsonProperty("session_id") String sessionId) {
    }
}
