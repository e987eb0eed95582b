package io.medsync.kafka;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields of an inbound request, with reasons that name the field and never echo its value. */
final class InboundFields {

    private InboundFields() {
    }

    static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw new PoisonRecordException("missing field: " + field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new PoisonRecordException("field " + field + " must be a non-empty string");
        }
        return value.asText();
    }

    /** A positive numeric id, as a JSON number or a string of digits. */
    static long numericId(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw new PoisonRecordException("missing field: " + field);
        }
        String digits = value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.asText() : "";
        if (!digits.matches("[1-9][0-9]{0,17}")) {
            throw new PoisonRecordException("field " + field + " must be a positive numeric id");
        }
        return Long.parseLong(digits);
    }
}
