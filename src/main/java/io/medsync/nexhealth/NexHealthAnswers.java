package io.medsync.nexhealth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * NexHealth's answers as the partner route reads them (Camel Jackson, {@code PartnerRequest.answeredAs}): the
 * {@code {"data": ...}} envelope of each operation medsync calls. Fields medsync does not use are ignored.
 */
@RegisterForReflection
final class NexHealthAnswers {

    private NexHealthAnswers() {
    }

    /** {@code POST /authenticates}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Authentication(Token data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(String token) {
    }

    /**
     * One page of a collection. Items stay JSON here: each is read on its own, so that one which does not match the
     * contract fails alone instead of the page.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<JsonNode> data, @JsonProperty("page_info") PageInfo pageInfo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageInfo(@JsonProperty("has_next_page") boolean hasNextPage, @JsonProperty("end_cursor") String endCursor) {
    }

    /** {@code GET /patients/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Patient(NexHealthPatientDetail data) {
    }

    /** {@code GET /appointments/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Appointment(NexHealthAppointment data) {
    }
}
