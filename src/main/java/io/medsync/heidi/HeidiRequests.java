package io.medsync.heidi;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.mapping.Emails;

/**
 * Reads the broker's JSON bodies with a precise message for each bad field ({@link IllegalArgumentException}, a 400).
 * Messages name fields, never their values (an email is PHI-adjacent and goes nowhere but Heidi).
 */
final class HeidiRequests {

    private static final String ID = "[A-Za-z0-9._:@\\-]{1,128}";

    private HeidiRequests() {
    }

    static JsonNode body(ObjectMapper json, String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }

    /** {@code {email, ehr_user_id, region}} at {@code path} (e.g. "" or "clinician."). */
    static Clinician clinician(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path.isEmpty() ? "body must be a JSON object"
                    : path.substring(0, path.length() - 1) + " must be an object {email, ehr_user_id, region}");
        }
        String email = Emails.plausible(text(node, "email", path))
                .orElseThrow(() -> new IllegalArgumentException(path + "email is not a valid email address"));
        String ehrUserId = text(node, "ehr_user_id", path);
        if (!ehrUserId.matches(ID)) {
            throw new IllegalArgumentException(path + "ehr_user_id must be 1-128 letters, digits or ._:@-");
        }
        String region = text(node, "region", path);
        if (!region.matches("[A-Za-z]{2,8}")) {
            throw new IllegalArgumentException(path + "region must be a Heidi region such as AU, US, EU or UK");
        }
        return new Clinician(email, ehrUserId, region);
    }

    static String tenant(JsonNode node) {
        return text(node, "tenant", "");
    }

    static long appointmentId(JsonNode node) {
        JsonNode id = node.path("appointment_id");
        boolean number = id.isIntegralNumber() && id.canConvertToLong() && id.asLong() > 0;
        if (number || id.isTextual() && id.asText().matches("[1-9]\\d{0,17}")) {
            return id.asLong();
        }
        throw new IllegalArgumentException(id.isMissingNode() || id.isNull() ? "appointment_id is required"
                : "appointment_id must be a positive NexHealth appointment id");
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            throw new IllegalArgumentException(path + field + " is required");
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new IllegalArgumentException(path + field + " must be a string");
        }
        return value.asText().strip();
    }
}
