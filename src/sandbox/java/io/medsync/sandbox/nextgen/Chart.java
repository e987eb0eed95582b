package io.medsync.sandbox.nextgen;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The sandbox's clinical data in a version-neutral form: built once from the seed, then rendered to FHIR R4 and
 * DSTU2 with the same ids, so the same patient exists in both versions. Nullable fields are the "missing" cases the
 * mappers must meet.
 */
public final class Chart {

    private Chart() {
    }

    public enum Gender {
        MALE, FEMALE, OTHER, UNKNOWN
    }

    /** How a medication order names its drug: inline code, a contained Medication, or a Medication reference. */
    public enum MedicationForm {
        CODEABLE_CONCEPT, CONTAINED, REFERENCE
    }

    /** FHIR medication order status codes, the same in R4 (MedicationRequest) and DSTU2 (MedicationOrder). */
    public enum OrderStatus {
        ACTIVE("active"), ON_HOLD("on-hold"), COMPLETED("completed"), ENTERED_IN_ERROR("entered-in-error"),
        STOPPED("stopped"), DRAFT("draft");

        private final String code;

        OrderStatus(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static OrderStatus fromCode(String code) {
            for (OrderStatus s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown medication order status");
        }
    }

    /** {@code postalCode} null = a partial address. */
    public record Address(List<String> lines, String city, String state, String postalCode) {
    }

    /** {@code birthDate} is a FHIR date string: full ("1980-04-12"), partial ("1980-04") or null. */
    public record Patient(String id, String mrn, List<String> given, String family, String birthDate, Gender gender,
            Address address, String phone, String email, Instant lastUpdated, boolean deceased) {

        Patient touched(Instant at) {
            return new Patient(id, mrn, given, family, birthDate, gender, address, phone, email, at, deceased);
        }

        Patient died(Instant at) {
            return new Patient(id, mrn, given, family, birthDate, gender, address, phone, email, at, true);
        }
    }

    /** {@code npi} null = none on record; it may also be present but fail the check digit. */
    public record Practitioner(String id, List<String> given, String family, String npi, Address address,
            String phone, String email, Instant lastUpdated) {
    }

    public record Medication(String id, String rxNormCode, String display, Instant lastUpdated) {
    }

    /** {@code doseValue} null = free-text dosage only. */
    public record Dosage(String text, BigDecimal doseValue, String doseUnit, Integer timesPerDay) {

        public boolean structured() {
            return doseValue != null;
        }
    }

    /** Every field may be null (absent in the resource). */
    public record Dispense(BigDecimal quantity, String quantityUnit, Integer repeatsAllowed, Integer supplyDays) {
    }

    /**
     * One prescription. {@code dosage} null = no dosage at all; {@code requesterId} null = no requester;
     * {@code medicationId} is set for {@link MedicationForm#REFERENCE} only.
     */
    public record Order(String id, String patientId, OrderStatus status, MedicationForm medicationForm,
            String rxNormCode, String medicationText, String medicationId, Dosage dosage, Dispense dispense,
            String requesterId, LocalDate authoredOn, Instant lastUpdated) {

        Order withStatus(OrderStatus newStatus, Instant at) {
            return new Order(id, patientId, newStatus, medicationForm, rxNormCode, medicationText, medicationId,
                    dosage, dispense, requesterId, authoredOn, at);
        }
    }
}
