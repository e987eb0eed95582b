package io.medsync.nextgen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The choices both readers make the same way, over small neutral views of HAPI's (differently typed) R4 and DSTU2
 * elements: which name, which phone, which reference, how a duration becomes days.
 */
final class FhirElements {

    static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** FHIR's id datatype: 1 to 64 letters, digits, '-' and '.'. */
    private static final Pattern FHIR_ID = Pattern.compile("^[A-Za-z0-9\\-.]{1,64}$");

    /** A HumanName; {@code use} is its code (official, usual, old...) or null; {@code periodEnd} as written. */
    record Name(String use, List<String> given, String family, String periodEnd) {
        Name(String use, List<String> given, String family) {
            this(use, given, family, null);
        }
    }

    /** A ContactPoint; {@code system} phone/email/..., {@code use} mobile/home/work/old..., {@code rank} 1 first. */
    record Telecom(String system, String use, String value, Integer rank, String periodEnd) {
        Telecom(String system, String use, String value) {
            this(system, use, value, null, null);
        }
    }

    record Coding(String system, String code, String display) {
    }

    record Identifier(String system, String value) {
    }

    /** An Address; {@code use} home/work/temp/old/billing or null, {@code periodEnd} as written. */
    record PostalAddress(List<String> lines, String city, String state, String postalCode, String use,
            String periodEnd) {
        static final PostalAddress NONE = new PostalAddress(List.of(), null, null, null, null, null);
    }

    /** US Core's sex extensions, read when administrative gender is absent. */
    static final String US_CORE_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";
    static final String US_CORE_BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    /** Where an address is to be used, best first: medication ships to where the patient lives now. */
    private static final List<String> ADDRESS_USES = java.util.Arrays.asList("home", "temp", null, "work", "billing");

    private FhirElements() {
    }

    /**
     * A Patient from its parts: the current name, address, phone and email are chosen here for both versions.
     *
     * @param gender   administrative gender, else the US Core sex / birth sex extension's code, else null
     * @param deceased whether {@code deceased[x]} says the patient has died
     */
    static FhirPatient patient(String id, List<Name> names, String birthDate, String gender,
            List<PostalAddress> addresses, List<Telecom> telecoms, String generalPractitionerId, boolean deceased) {
        Name name = preferredName(names);
        PostalAddress address = currentAddress(addresses);
        return new FhirPatient(id, name == null ? List.of() : name.given(), name == null ? null : name.family(),
                text(birthDate), text(gender), texts(address.lines()), text(address.city()), text(address.state()),
                text(address.postalCode()), phone(telecoms), email(telecoms), generalPractitionerId, null,
                deceased ? Boolean.TRUE : null);
    }

    /** A sex code of the US Core extensions (SNOMED CT, or F/M) as an administrative gender, else null. */
    static String sexCode(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.strip()) {
            case "248152002", "F", "female" -> "female";
            case "248153007", "M", "male" -> "male";
            default -> null;
        };
    }

    /** Not {@code use=old} and its period has not ended (an end before today, compared as ISO text). */
    static boolean current(String use, String periodEnd) {
        if ("old".equals(use)) {
            return false;
        }
        if (text(periodEnd) == null) {
            return true;
        }
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        int n = Math.min(periodEnd.length(), today.length());
        return periodEnd.substring(0, n).compareTo(today.substring(0, n)) >= 0;
    }

    /** The current address, by use: home, temp, none stated, work, billing; an empty one when none is current. */
    static PostalAddress currentAddress(List<PostalAddress> addresses) {
        return addresses.stream().filter(a -> current(a.use(), a.periodEnd()))
                .filter(a -> ADDRESS_USES.contains(a.use()))
                .min(java.util.Comparator.comparingInt(a -> ADDRESS_USES.indexOf(a.use())))
                .orElse(PostalAddress.NONE);
    }

    /** A Practitioner from its parts. */
    static FhirPractitioner practitioner(String id, List<Identifier> identifiers, Name name, List<Telecom> telecoms,
            List<PostalAddress> addresses) {
        PostalAddress address = currentAddress(addresses);
        return new FhirPractitioner(id, npi(identifiers), name == null ? List.of() : name.given(),
                name == null ? null : name.family(), email(telecoms), phone(telecoms), texts(address.lines()),
                text(address.city()), text(address.state()), text(address.postalCode()));
    }

    /**
     * A practitioner an order contains, keyed by its NPI ({@code npi-<10 digits>}: the only identity it has outside
     * the order, and the key NovaMed knows practitioners by), else by its local reference ("#pr1"; the order is then
     * refused, since nothing identifies the prescriber in NovaMed).
     */
    static FhirPractitioner contained(FhirPractitioner p, String localId) {
        String digits = p.npi() == null ? "" : p.npi().replaceAll("[\\s\\u00A0-]", "");
        String id = digits.matches("[0-9]{10}") ? FhirMedicationOrder.NPI_KEY + digits
                : "#" + (isFhirId(localId) ? localId : "contained");
        return new FhirPractitioner(id, p.npi(), p.given(), p.family(), p.email(), p.phone(), p.addressLines(),
                p.city(), p.state(), p.postalCode());
    }

    /**
     * The current {@code official} name, else the current {@code usual} one, else the first current one (not old,
     * period not ended, not a maiden name); null when there is none.
     */
    static Name preferredName(List<Name> names) {
        List<Name> current = names.stream().filter(n -> current(n.use(), n.periodEnd()))
                .filter(n -> !"maiden".equals(n.use())).toList();
        for (String use : new String[] { "official", "usual" }) {
            for (Name n : current) {
                if (use.equals(n.use())) {
                    return n;
                }
            }
        }
        return current.isEmpty() ? null : current.get(0);
    }

    /**
     * A current mobile number first (it reaches the patient about a shipment), then home, then any current phone;
     * within each, by {@code rank} (unranked after ranked, then source order).
     */
    static String phone(List<Telecom> telecoms) {
        List<Telecom> phones = ranked(telecoms, "phone");
        for (String use : new String[] { "mobile", "home", null }) {
            for (Telecom t : phones) {
                if (use == null || use.equals(t.use())) {
                    return t.value().strip();
                }
            }
        }
        return null;
    }

    /** The current email with the best rank. */
    static String email(List<Telecom> telecoms) {
        return ranked(telecoms, "email").stream().map(t -> t.value().strip()).findFirst().orElse(null);
    }

    private static List<Telecom> ranked(List<Telecom> telecoms, String system) {
        return telecoms.stream().filter(t -> system.equals(t.system()) && text(t.value()) != null)
                .filter(t -> current(t.use(), t.periodEnd()))
                .sorted(java.util.Comparator.comparing(Telecom::rank,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
    }

    /** The value of the first identifier with the NPI system, as written. */
    static String npi(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> NPI_SYSTEM.equals(i.system()) && text(i.value()) != null)
                .map(Identifier::value).findFirst().orElse(null);
    }

    /** Null for null or blank. */
    static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The non-blank strings, in order. */
    static List<String> texts(List<String> values) {
        return values.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
    }

    static boolean isFhirId(String id) {
        return id != null && FHIR_ID.matcher(id).matches();
    }

    /**
     * The id part of a reference when it points to {@code expectedType} ("Practitioner/12", or an absolute URL) and
     * is a FHIR id; ids become ledger keys, so free text is not followed.
     */
    static String referenceId(String resourceType, String idPart, String expectedType) {
        return expectedType.equals(resourceType) && isFhirId(idPart) ? idPart : null;
    }

    /** A quantity, or null without a value; the unit is the display unit, else the code. */
    static FhirQuantity quantity(BigDecimal value, String unit, String code) {
        if (value == null) {
            return null;
        }
        String u = text(unit) != null ? unit.strip() : text(code) != null ? code.strip() : null;
        return new FhirQuantity(value, u);
    }

    /**
     * An ingredient strength as a pharmacist writes it: "500 mg", "200 mg/mL", "250 mg/5 mL". A count-like
     * denominator ("1 tablet", "{tbl}") adds nothing and is left out.
     */
    static String strength(FhirQuantity numerator, FhirQuantity denominator) {
        if (numerator == null) {
            return null;
        }
        String amount = numerator.display();
        if (denominator == null || denominator.unit() == null || countLike(denominator.unit())) {
            return amount;
        }
        return amount + "/" + (BigDecimal.ONE.compareTo(denominator.value()) == 0 ? denominator.unit()
                : denominator.display());
    }

    private static boolean countLike(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return u.startsWith("{") || u.equals("1") || u.startsWith("tab") || u.startsWith("cap") || u.equals("each")
                || u.equals("ea");
    }

    /** A CodeableConcept as text: its text, else the first coding display, else null. */
    static String conceptText(String conceptText, List<Coding> codings) {
        return text(conceptText) != null ? conceptText.strip()
                : codings.stream().map(Coding::display).filter(d -> text(d) != null).map(String::strip).findFirst()
                        .orElse(null);
    }

    /** A Timing.code: its text, else the first coding's code (BID, Q6H...), else its display. */
    static String timingCode(String conceptText, List<Coding> codings) {
        if (text(conceptText) != null) {
            return conceptText.strip();
        }
        return codings.stream().map(c -> text(c.code()) != null ? c.code() : c.display()).filter(v -> text(v) != null)
                .map(String::strip).findFirst().orElse(null);
    }

    /** The medication a CodeableConcept names: its text, else the first coding display; RxNorm code if coded. */
    static FhirMedication medication(String conceptText, List<Coding> codings, String strength, String form) {
        String name = text(conceptText) != null ? conceptText.strip()
                : codings.stream().map(Coding::display).filter(d -> text(d) != null).map(String::strip).findFirst()
                        .orElse(null);
        String rxNorm = codings.stream().filter(c -> RXNORM_SYSTEM.equals(c.system()) && text(c.code()) != null)
                .map(Coding::code).findFirst().orElse(null);
        if (rxNorm != null && name != null && (strength == null || text(form) == null)) {
            RxNormName parsed = RxNormName.parse(name);
            strength = strength != null ? strength : parsed.strength();
            form = text(form) != null ? form : parsed.form();
        }
        return new FhirMedication(name, rxNorm, strength, text(form));
    }

    /**
     * A supply duration in whole days (half days round up): UCUM d, wk, mo (30 days), or those words; any other
     * unit (hours, years...) is not a days supply and gives null.
     */
    static Integer days(BigDecimal value, String code, String unit) {
        if (value == null) {
            return null;
        }
        String u = (text(code) != null ? code : text(unit) != null ? unit : "").strip().toLowerCase(Locale.ROOT);
        int perUnit = switch (u) {
            case "d", "day", "days" -> 1;
            case "wk", "week", "weeks" -> 7;
            case "mo", "month", "months" -> 30;
            default -> 0;
        };
        if (perUnit == 0) {
            return null;
        }
        return value.multiply(BigDecimal.valueOf(perUnit)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
}
