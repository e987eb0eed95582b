package io.medsync.mapping;

import java.util.ArrayList;
import java.util.List;

import io.medsync.tenant.MappingDefaults;

/**
 * A US postal address normalised from a source record or a practice-address default, together with what is missing
 * or invalid. Problems are reported by field name only, so they can go into failure reasons.
 *
 * @param line1     cleaned line 1 or null
 * @param line2     cleaned line 2 or null (optional)
 * @param city      cleaned city or null
 * @param stateCode USPS code or null
 * @param zipCode   {@code 12345} / {@code 12345-6789} or null
 * @param missing   field names that were absent or blank
 * @param invalid   field names present but not usable (unknown state, malformed ZIP)
 */
public record UsAddress(String line1, String line2, String city, String stateCode, String zipCode,
        List<String> missing, List<String> invalid) {

    public UsAddress {
        missing = List.copyOf(missing);
        invalid = List.copyOf(invalid);
    }

    /** How a source names the required fields in problem descriptions, e.g. {@code bio.city}. */
    public record FieldNames(String line1, String city, String state, String zip) {
    }

    private static final FieldNames PRACTICE_LABELS = new FieldNames("line1", "city", "stateCode", "zipCode");
    private static final FieldNames FHIR_LABELS = new FieldNames("address.line", "address.city", "address.state",
            "address.postalCode");

    /**
     * From a FHIR Address's parts: the first line is line 1, the others together line 2 (NovaMed has two lines for
     * practitioners; a third FHIR line is rare and still belongs to the address).
     */
    public static UsAddress fromFhir(List<String> lines, String city, String state, String postalCode) {
        List<String> cleaned = lines == null ? List.of()
                : lines.stream().map(Names::clean).filter(l -> l != null).toList();
        String line2 = cleaned.size() < 2 ? null : String.join(", ", cleaned.subList(1, cleaned.size()));
        return of(cleaned.isEmpty() ? null : cleaned.get(0), line2, city, state, postalCode, FHIR_LABELS);
    }

    /**
     * This address when complete, else the tenant's practice address as a whole: mixing lines from two addresses
     * could produce a plausible-looking but wrong one.
     *
     * @param label names this address in failure reasons, e.g. "provider bio address"
     * @throws MappingException when neither is complete
     */
    public UsAddress orPractice(MappingDefaults defaults, String label) {
        if (complete()) {
            return this;
        }
        if (defaults.practiceAddress() == null) {
            throw new MappingException(label + " is incomplete (" + problems()
                    + ") and no practice address default is configured");
        }
        UsAddress practice = fromPractice(defaults.practiceAddress());
        if (!practice.complete()) {
            throw new MappingException(label + " is incomplete (" + problems()
                    + ") and the practice address default is incomplete (" + practice.problems() + ")");
        }
        return practice;
    }

    /** From the tenant's practice-address default (its state may also be a full name). */
    public static UsAddress fromPractice(MappingDefaults.PracticeAddress p) {
        if (p == null) {
            return of(null, null, null, null, null, PRACTICE_LABELS);
        }
        return of(p.line1(), p.line2(), p.city(), p.stateCode(), p.zipCode(), PRACTICE_LABELS);
    }

    /** From raw parts; problems are reported under the source's field {@code names}. */
    public static UsAddress of(String rawLine1, String rawLine2, String rawCity, String rawState, String rawZip,
            FieldNames labels) {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        String line1 = Names.clean(rawLine1);
        if (line1 == null) {
            missing.add(labels.line1());
        }
        String city = Names.clean(rawCity);
        if (city == null) {
            missing.add(labels.city());
        }
        String state = null;
        if (isBlank(rawState)) {
            missing.add(labels.state());
        } else {
            state = UsStates.toCode(rawState).orElse(null);
            if (state == null) {
                invalid.add(labels.state());
            }
        }
        String zip = null;
        if (isBlank(rawZip)) {
            missing.add(labels.zip());
        } else {
            zip = ZipCodes.normalize(rawZip).orElse(null);
            if (zip == null) {
                invalid.add(labels.zip());
            }
        }
        return new UsAddress(line1, Names.clean(rawLine2), city, state, zip, missing, invalid);
    }

    public boolean complete() {
        return missing.isEmpty() && invalid.isEmpty();
    }

    /** E.g. {@code "missing bio.city, bio.zip_code; invalid bio.state"}; empty when complete. */
    public String problems() {
        StringBuilder sb = new StringBuilder();
        if (!missing.isEmpty()) {
            sb.append("missing ").append(String.join(", ", missing));
        }
        if (!invalid.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("invalid ").append(String.join(", ", invalid));
        }
        return sb.toString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
