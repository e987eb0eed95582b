package io.medsync.sandbox;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Field rules for NovaMed's {@code PractitionerRequest}, {@code PatientRequest} and both medication-order shapes
 * (contracts README 1.3-1.5, the partner OpenAPI and its legacy version), plus the internal notes (10-digit NPI,
 * 2-letter state code, US phone formats). Returns field name to rule, in the order found; rules never contain the
 * rejected value.
 *
 * <p>Our readings where the contract is silent: required strings must not be blank and unknown top-level keys are
 * rejected (NovaMed validates with Joi, whose defaults do both); {@code addresses} must hold exactly one item
 * ("currently only supports single address").
 */
final class NovaMedRequestValidator {

    static final List<String> US_STATE_CODES = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL",
            "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
            "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
            "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP");

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern US_PHONE = Pattern.compile("^(\\+1\\d{10}|1\\d{10}|\\d{10})$");
    private static final Pattern TEN_DIGITS = Pattern.compile("^\\d{10}$");
    private static final Pattern URL = Pattern.compile("^https?://\\S+$");

    private static final Set<String> PRACTITIONER_KEYS = Set.of("first_name", "last_name", "email", "npi",
            "is_veterinarian", "assigned_clinic", "phone", "address_line_1", "address_line_2", "city", "state_code",
            "zip_code");
    private static final Set<String> PATIENT_KEYS = Set.of("first_name", "middle_name", "last_name", "gender", "dob",
            "species", "animal_owner_name", "weight", "weight_recorded_date", "status", "practitioner_id",
            "assigned_clinic", "contacts", "addresses");
    private static final Set<String> ADDRESS_KEYS = Set.of("addressLine1", "addressLine2", "addressLine3", "city",
            "state", "postalCode");
    private static final Set<String> ORDER_KEYS = Set.of("patient_id", "practitioner_id", "clinic_id", "carrier_id",
            "service_id", "is_refrigerated", "shipment_group_id", "medication_requests");
    private static final Set<String> ORDER_ITEM_KEYS = Set.of("medication", "dose", "unit_of_measure", "quantity",
            "refills", "direction", "days_supply", "flavor", "notes", "do_not_refill", "do_not_fill",
            "patient_contact_requested", "reason_for_compounding", "reason_for_compounding_additional_context");
    private static final Set<String> LEGACY_ORDER_KEYS = Set.of("clinic_id", "patient_id", "practitioner_id",
            "medication_name", "medication_strength", "quantity", "refills", "days_supply", "instructions");
    private static final List<String> GENDERS = List.of("male", "female", "other", "unknown");
    private static final List<String> SPECIES = List.of("human", "canine", "feline", "equine", "avian",
            "mammal - other", "reptilian", "swine");
    private static final List<String> STATUSES = List.of("active", "inactive");
    private static final List<String> CONTACT_KEYS = List.of("email", "phone", "url", "sms", "fax");

    private final Map<String, String> details;
    private final JsonNode body;
    /** Where {@code body} sits in the request, e.g. "medication_requests[0]." for an item; "" at the top. */
    private final String location;

    private NovaMedRequestValidator(JsonNode body) {
        this(body, "", new LinkedHashMap<>());
    }

    private NovaMedRequestValidator(JsonNode body, String location, Map<String, String> details) {
        this.body = body;
        this.location = location;
        this.details = details;
    }

    static Map<String, String> practitioner(JsonNode body) {
        NovaMedRequestValidator v = new NovaMedRequestValidator(body);
        v.unknownKeys(body, "", PRACTITIONER_KEYS);
        v.string("first_name", true, 2);
        v.string("last_name", true, 2);
        if (v.string("email", true, 1)) {
            v.matches("email", EMAIL, "must be a valid email");
        }
        if (v.string("npi", true, 1)) {
            v.matches("npi", TEN_DIGITS, "must be exactly 10 digits");
        }
        v.bool("is_veterinarian", true);
        v.uuids("assigned_clinic");
        if (v.string("phone", false, 1)) {
            v.matches("phone", US_PHONE, "must be a US phone number (+1XXXXXXXXXX, 1XXXXXXXXXX or 10 digits)");
        }
        v.string("address_line_1", true, 1);
        v.string("address_line_2", false, 0);
        v.string("city", true, 1);
        if (v.string("state_code", true, 1) && !US_STATE_CODES.contains(body.get("state_code").asText())) {
            v.details.put("state_code", "must be a 2-letter US state code");
        }
        v.string("zip_code", true, 1);
        return v.details;
    }

    static Map<String, String> patient(JsonNode body) {
        NovaMedRequestValidator v = new NovaMedRequestValidator(body);
        v.unknownKeys(body, "", PATIENT_KEYS);
        v.string("first_name", true, 2);
        v.nullableString("middle_name");
        v.string("last_name", true, 1);
        if (!body.has("gender")) {
            v.details.put("gender", "is required");
        } else {
            v.nullableEnum("gender", GENDERS);
        }
        if (v.string("dob", true, 1) && !isDate(body.get("dob").asText())) {
            v.details.put("dob", "must be a date (YYYY-MM-DD or ISO 8601 date-time)");
        }
        v.nullableEnum("species", SPECIES);
        v.nullableString("animal_owner_name");
        v.nullableString("weight");
        v.nullableString("weight_recorded_date");
        v.nullableEnum("status", STATUSES);
        v.uuids("practitioner_id", "assigned_clinic");
        v.contacts();
        v.addresses();
        return v.details;
    }

    /** {@code MedicationRequest} of the current spec (shape B, {@code POST /api/external/medication-order}). */
    static Map<String, String> medicationOrder(JsonNode body) {
        NovaMedRequestValidator v = new NovaMedRequestValidator(body);
        v.unknownKeys(body, "", ORDER_KEYS);
        v.uuids("patient_id", "practitioner_id", "clinic_id");
        v.string("carrier_id", true, 1);
        v.string("service_id", true, 1);
        v.bool("is_refrigerated", false);
        v.string("shipment_group_id", false, 0);
        JsonNode items = body.get("medication_requests");
        if (items == null || items.isNull()) {
            v.put("medication_requests", "is required");
        } else if (!items.isArray() || items.isEmpty()) {
            // Our reading: an order without a medication is not an order (the spec gives no minItems).
            v.put("medication_requests", "must be a non-empty array");
        } else {
            for (int i = 0; i < items.size(); i++) {
                v.medicationItem(items.get(i), "medication_requests[" + i + "]");
            }
        }
        return v.details;
    }

    /** The flat {@code MedicationRequest} of the legacy spec (shape A, {@code POST /api/external/medication-request}). */
    static Map<String, String> legacyMedicationRequest(JsonNode body) {
        NovaMedRequestValidator v = new NovaMedRequestValidator(body);
        v.unknownKeys(body, "", LEGACY_ORDER_KEYS);
        v.uuids("clinic_id", "patient_id", "practitioner_id");
        v.string("medication_name", true, 1);
        v.string("medication_strength", false, 0);
        v.number("quantity", true, true);
        v.number("refills", false, true);
        v.number("days_supply", false, true);
        v.string("instructions", false, 0);
        return v.details;
    }

    /** {@code RefillRequest}: the order to refill and an optional shipment group. */
    static Map<String, String> refillRequest(JsonNode body) {
        NovaMedRequestValidator v = new NovaMedRequestValidator(body);
        v.unknownKeys(body, "", Set.of("medication_request_id", "shipment_group_id"));
        v.uuids("medication_request_id");
        v.string("shipment_group_id", false, 0);
        return v.details;
    }

    private void medicationItem(JsonNode item, String itemAt) {
        if (!item.isObject()) {
            put(itemAt, "must be an object");
            return;
        }
        NovaMedRequestValidator v = new NovaMedRequestValidator(item, location + itemAt + ".", details);
        unknownKeys(item, itemAt + ".", ORDER_ITEM_KEYS);
        v.string("medication", true, 1);
        v.string("dose", true, 1);
        v.number("quantity", true, false);
        v.string("direction", true, 1);
        for (String optional : List.of("unit_of_measure", "refills", "flavor", "notes", "reason_for_compounding",
                "reason_for_compounding_additional_context")) {
            v.string(optional, false, 0);
        }
        v.number("days_supply", false, false);
        for (String flag : List.of("do_not_refill", "do_not_fill", "patient_contact_requested")) {
            v.bool(flag, false);
        }
    }

    private void uuids(String... fields) {
        for (String field : fields) {
            if (string(field, true, 1)) {
                matches(field, UUID, "must be a valid UUID");
            }
        }
    }

    /** A JSON number ({@code integer}: without a fraction); our reading: quantities and counts are not negative. */
    private void number(String field, boolean required, boolean integer) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                put(field, "is required");
            }
        } else if (!v.isNumber()) {
            put(field, integer ? "must be an integer" : "must be a number");
        } else if (integer && v.decimalValue().stripTrailingZeros().scale() > 0) {
            put(field, "must be an integer");
        } else if (v.decimalValue().signum() < 0) {
            put(field, "must not be negative");
        }
    }

    private void contacts() {
        JsonNode contacts = body.get("contacts");
        if (contacts == null) {
            return;
        }
        if (!contacts.isArray()) {
            details.put("contacts", "must be an array");
            return;
        }
        for (int i = 0; i < contacts.size(); i++) {
            String at = "contacts[" + i + "]";
            JsonNode c = contacts.get(i);
            if (!c.isObject()) {
                details.put(at, "must be an object");
                continue;
            }
            unknownKeys(c, at + ".", Set.of("key", "value"));
            JsonNode key = c.get("key");
            JsonNode value = c.get("value");
            if (key == null || !key.isTextual() || !CONTACT_KEYS.contains(key.asText())) {
                details.put(at + ".key", "must be one of " + CONTACT_KEYS);
                continue;
            }
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                details.put(at + ".value", "is required");
                continue;
            }
            String v = value.asText();
            switch (key.asText()) {
                case "email":
                    if (!EMAIL.matcher(v).matches()) {
                        details.put(at + ".value", "must be a valid email");
                    }
                    break;
                case "phone":
                case "sms":
                    if (!US_PHONE.matcher(v).matches()) {
                        details.put(at + ".value",
                                "must be a US phone number (+1XXXXXXXXXX, 1XXXXXXXXXX or 10 digits)");
                    }
                    break;
                case "url":
                    if (!URL.matcher(v).matches()) {
                        details.put(at + ".value", "must be a valid URL");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void addresses() {
        JsonNode addresses = body.get("addresses");
        if (addresses == null || addresses.isNull()) {
            details.put("addresses", "is required");
            return;
        }
        if (!addresses.isArray()) {
            details.put("addresses", "must be an array");
            return;
        }
        if (addresses.size() != 1) {
            details.put("addresses", "must contain exactly one address");
            return;
        }
        JsonNode a = addresses.get(0);
        if (!a.isObject()) {
            details.put("addresses[0]", "must be an object");
            return;
        }
        unknownKeys(a, "addresses[0].", ADDRESS_KEYS);
        for (String key : List.of("addressLine1", "city", "state", "postalCode")) {
            JsonNode v = a.get(key);
            if (v == null || v.isNull()) {
                details.put("addresses[0]." + key, "is required");
            } else if (!v.isTextual() || v.asText().isBlank()) {
                details.put("addresses[0]." + key, "must be a non-empty string");
            }
        }
        for (String key : List.of("addressLine2", "addressLine3")) {
            JsonNode v = a.get(key);
            if (v != null && !v.isNull() && !v.isTextual()) {
                details.put("addresses[0]." + key, "must be a string");
            }
        }
    }

    /** Checks presence, type and length; true when there is a string value worth checking further. */
    private boolean string(String field, boolean required, int minLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                put(field, "is required");
            }
            return false;
        }
        if (!v.isTextual()) {
            put(field, "must be a string");
            return false;
        }
        if (required && v.asText().isBlank()) {
            put(field, "must not be empty");
            return false;
        }
        if (v.asText().length() < minLength) {
            put(field, "must be at least " + minLength + " characters");
            return false;
        }
        return true;
    }

    private void nullableString(String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            put(field, "must be a string");
        }
    }

    private void nullableEnum(String field, List<String> allowed) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && (!v.isTextual() || !allowed.contains(v.asText()))) {
            put(field, "must be one of " + allowed);
        }
    }

    private void bool(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                put(field, "is required");
            }
        } else if (!v.isBoolean()) {
            put(field, "must be a boolean");
        }
    }

    private void matches(String field, Pattern pattern, String rule) {
        if (!pattern.matcher(body.get(field).asText()).matches()) {
            put(field, rule);
        }
    }

    private void put(String field, String rule) {
        details.put(location + field, rule);
    }

    private void unknownKeys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                details.put(prefix + name, "is not allowed");
            }
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(value);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    /** The calendar date of a valid dob, for duplicate detection across the two accepted forms. */
    static String dobDate(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value).toLocalDate().toString();
        }
    }
}
