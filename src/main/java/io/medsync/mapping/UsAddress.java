package io.medsync.mapping;

import java.util.ArrayList;
import java.util.List;

import io.medsync.nexhealth.NexHealthBio;

/**
 * A US postal address normalised from a NexHealth {@code bio} or a practice-address default, together with what is
 * missing or invalid. Problems are reported by field name only, so they can go into failure reasons.
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

    /** Field labels used in problem descriptions, in the order line1, city, state, zip. */
    private static final String[] BIO_LABELS = { "bio.address_line_1", "bio.city", "bio.state", "bio.zip_code" };
    private static final String[] PRACTICE_LABELS = { "line1", "city", "stateCode", "zipCode" };

    /** From a bio: line 1 is {@code address_line_1}, else {@code street_address} (EHRs fill one or the other). */
    public static UsAddress fromBio(NexHealthBio bio) {
        if (bio == null) {
            return of(null, null, null, null, null, BIO_LABELS);
        }
        String line1 = Names.clean(bio.addressLine1());
        if (line1 == null) {
            line1 = Names.clean(bio.streetAddress());
        }
        return of(line1, bio.addressLine2(), bio.city(), bio.state(), bio.zipCode(), BIO_LABELS);
    }

    /** From the tenant's practice-address default (its state may also be a full name). */
    public static UsAddress fromPractice(MappingDefaults.PracticeAddress p) {
        if (p == null) {
            return of(null, null, null, null, null, PRACTICE_LABELS);
        }
        return of(p.line1(), p.line2(), p.city(), p.stateCode(), p.zipCode(), PRACTICE_LABELS);
    }

    private static UsAddress of(String rawLine1, String rawLine2, String rawCity, String rawState, String rawZip,
            String[] labels) {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        String line1 = Names.clean(rawLine1);
        if (line1 == null) {
            missing.add(labels[0]);
        }
        String city = Names.clean(rawCity);
        if (city == null) {
            missing.add(labels[1]);
        }
        String state = null;
        if (isBlank(rawState)) {
            missing.add(labels[2]);
        } else {
            state = UsStates.toCode(rawState).orElse(null);
            if (state == null) {
                invalid.add(labels[2]);
            }
        }
        String zip = null;
        if (isBlank(rawZip)) {
            missing.add(labels[3]);
        } else {
            zip = ZipCodes.normalize(rawZip).orElse(null);
            if (zip == null) {
                invalid.add(labels[3]);
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
