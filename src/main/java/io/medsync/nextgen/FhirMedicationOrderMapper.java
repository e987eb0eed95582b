package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.mapping.MappingDefaultsRules;
import io.medsync.mapping.MappingException;
import io.medsync.mapping.Names;
import io.medsync.mapping.Problems;
import io.medsync.novamed.MedicationOrderShape;
import io.medsync.novamed.NovaMedLegacyMedicationRequest;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.novamed.NovaMedOrderCommand;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.MedicationOrderDefaults;

/**
 * R4 MedicationRequest / DSTU2 MedicationOrder (read into {@link FhirMedicationOrder}) → NovaMed medication order,
 * one per prescription, in either body shape, with patient and practitioner ids left null for dependency
 * resolution. Only active prescriptions that are orders (not R4 plans or proposals) are sent; NovaMed fills what it receives, so nothing is guessed: a missing
 * medication, dose, quantity or direction rejects the prescription with a reason naming the element, never its
 * value. Free-text notes are never sent. docs/mapping.md states each rule and refusal.
 */
@ApplicationScoped
public class FhirMedicationOrderMapper {

    /**
     * Status codes of MedicationRequest (R4, R5) and MedicationOrder (DSTU2), and those of other versions and
     * medication resources that EHRs put there ("suspended", "paused", "intended"...); only these are quoted in
     * reasons, free text never is.
     */
    private static final Set<String> STATUS_CODES = Set.of("active", "on-hold", "cancelled", "completed",
            "entered-in-error", "stopped", "draft", "unknown", "ended", "suspended", "paused", "superseded",
            "superceded", "intended", "not-taken", "inactive", "revoked", "held", "rejected", "expired");

    /** R4 intents that are an actual order; a proposal, plan or option is not a prescription to fill. */
    private static final Set<String> ORDER_INTENTS = Set.of("order", "original-order", "reflex-order",
            "filler-order", "instance-order");
    private static final Set<String> OTHER_INTENTS = Set.of("proposal", "plan", "option");

    /** Sane bounds where NovaMed's contract states none; longer text is a source error, not a label. */
    static final int MAX_MEDICATION_LENGTH = 500;
    static final int MAX_DIRECTION_LENGTH = 2000;
    /** Each ingredient amount of a strength: "1 mg/mL", "325 mg / 5 mg". */
    private static final java.util.regex.Pattern STRENGTH_UNIT =
            java.util.regex.Pattern.compile("(?:^|/ )\\d+(?:\\.\\d+)? ([^/\\s]+)");

    /** What both shapes take from a prescription, checked. */
    private record Prescription(String medication, String dose, String strength, BigDecimal quantity, String unit,
            String direction, Integer refills, Integer daysSupply) {
    }

    /** In the configured shape. */
    public NovaMedOrderCommand map(FhirMedicationOrder order, MedicationOrderDefaults defaults,
            MedicationOrderShape shape) {
        return shape == MedicationOrderShape.LEGACY ? toLegacy(order, defaults) : toNovaMed(order, defaults);
    }

    /**
     * The current shape B ({@code medication_requests[]} with one item).
     *
     * @throws MappingException when the prescription cannot become an order; no other exception escapes
     */
    public NovaMedMedicationOrder toNovaMed(FhirMedicationOrder order, MedicationOrderDefaults defaults) {
        return MappingException.guard("medication order", () -> {
            MedicationOrderDefaults d = MappingDefaultsRules.require(defaults);
            Prescription p = prescription(order);
            return new NovaMedMedicationOrder(null, null, d.clinicId(), d.carrierId(), d.serviceId(),
                    d.refrigerated(), List.of(new NovaMedMedicationOrder.Item(p.medication(), p.dose(), p.unit(),
                            p.quantity(), p.refills() == null ? null : String.valueOf(p.refills()), p.direction(),
                            p.daysSupply())));
        });
    }

    /**
     * The legacy flat shape A, whose quantity is an integer and whose strength field takes the medication strength
     * (else the dose).
     *
     * @throws MappingException when the prescription cannot become an order; no other exception escapes
     */
    public NovaMedLegacyMedicationRequest toLegacy(FhirMedicationOrder order, MedicationOrderDefaults defaults) {
        return MappingException.guard("medication order", () -> {
            MedicationOrderDefaults d = MappingDefaultsRules.require(defaults);
            Prescription p = prescription(order);
            if (p.quantity().stripTrailingZeros().scale() > 0) {
                throw new MappingException("medication order dispense quantity is not a whole number, which the "
                        + "legacy medication-request shape requires");
            }
            return new NovaMedLegacyMedicationRequest(d.clinicId(), null, null, p.medication(),
                    p.strength() != null ? p.strength() : p.dose(), p.quantity().intValueExact(), p.refills(),
                    p.daysSupply(), p.direction());
        });
    }

    /**
     * Every check runs and every problem is reported at once (status, intent, medication, dose, quantity,
     * directions, refills).
     */
    private static Prescription prescription(FhirMedicationOrder order) {
        if (order == null) {
            throw new MappingException("medication order record is missing");
        }
        Problems problems = new Problems();
        String status = order.status();
        if (status == null || status.isBlank()) {
            problems.add("medication order status is missing");
        } else if (!"active".equals(status)) {
            problems.add(STATUS_CODES.contains(status) ? "medication order status " + status + " is not active"
                    : "medication order status is not a known status code");
        }
        problems.check(() -> {
            requireOrderIntent(order);
            return null;
        });
        if (Boolean.TRUE.equals(order.patientDeceased())) {
            problems.add("patient Patient/" + order.patientId() + " is deceased; order not sent");
        }
        if (order.prescriberRole() != null && order.prescriberId() == null) {
            problems.add("medication order requester " + order.prescriberRole() + " was not resolved to a"
                    + " Practitioner: the FHIR server did not return that PractitionerRole, or it names no"
                    + " practitioner");
        }
        FhirPractitioner contained = order.containedPrescriber();
        if (contained != null && order.prescriberId() == null) {
            problems.add(contained.npi() == null || contained.npi().isBlank()
                    ? "medication order prescriber " + contained.id() + " (contained) has no NPI, so no NovaMed"
                            + " practitioner can be found or created for it"
                    : "medication order prescriber " + contained.id() + " (contained) has an NPI that is not"
                            + " 10 digits");
        }

        FhirMedication medication = order.medication();
        String name = medication == null ? null : Names.clean(medication.name());
        if (medication == null) {
            problems.add(order.medicationReference() != null
                    ? "medication order referenced medication was not resolved"
                    : "medication order medication is missing");
        } else if (name == null) {
            problems.add("medication order medication name is missing");
        } else if (Names.codePointLength(name) > MAX_MEDICATION_LENGTH) {
            problems.add("medication order medication name is longer than " + MAX_MEDICATION_LENGTH
                    + " characters");
        }

        // NovaMed's dose is the product's strength ("200mg/ml" in its contract, the per-administration amount
        // being in the direction); without a stated strength, the one dose all instructions share.
        String formUnit = medication == null ? null : SigWords.countableForm(medication.form());
        String strength = medication == null ? null : Names.clean(medication.strength());
        String dose = strength;
        String unit = strength == null ? null : strengthUnit(strength);
        if (dose == null && medication != null) {
            List<FhirDosage> dosed = order.dosages().stream().filter(FhirDosage::hasDose).toList();
            List<String> doses = dosed.stream().map(d -> DosePhrase.of(d, formUnit)).distinct().toList();
            if (dosed.isEmpty()) {
                problems.add("medication order has no dose or strength");
            } else if (doses.contains(null)) {
                problems.add("medication order has no strength and its dose has no unit");
            } else if (doses.size() > 1) {
                problems.add("medication order has no strength and its dosage instructions state different doses");
            } else {
                dose = doses.get(0);
                FhirDosage first = dosed.get(0);
                unit = DosePhrase.unitOf(first.dose() != null ? first.dose()
                        : first.doseHigh() != null ? first.doseHigh() : first.doseLow(), formUnit);
            }
        }

        FhirQuantity dispense = order.dispenseQuantity();
        if (dispense == null || dispense.value() == null) {
            problems.add("medication order dispense quantity is missing");
        } else if (!positive(dispense.value())) {
            problems.add("medication order dispense quantity is not positive");
        }

        String direction = DirectionsRenderer.render(order.dosages(), formUnit, problems);
        if (direction != null && Names.codePointLength(direction) > MAX_DIRECTION_LENGTH) {
            problems.add("medication order direction is longer than " + MAX_DIRECTION_LENGTH + " characters");
        }
        Integer refills = problems.check(() -> Refills.parse(order.refills()));
        problems.throwIfAny();

        Integer daysSupply = order.daysSupply() != null && order.daysSupply() > 0 ? order.daysSupply() : null;
        return new Prescription(name, dose, strength, dispense.plainValue(), unit, direction, refills, daysSupply);
    }

    /**
     * NovaMed derives {@code unit_of_measure} from the dose when it is omitted ("0.25 mg" → "mg"; its example pairs
     * dose "200mg/ml" with "mg"), so the unit sent is the dose's own: the first unit of the strength, and none when
     * a combination's ingredients are in different units. Never the dispense unit.
     */
    static String strengthUnit(String strength) {
        java.util.Set<String> units = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = STRENGTH_UNIT.matcher(strength);
        while (m.find()) {
            units.add(m.group(1));
        }
        return units.size() == 1 ? units.iterator().next() : null;
    }

    /** R4 requires an intent and only orders are filled; DSTU2 MedicationOrders are orders by definition. */
    private static void requireOrderIntent(FhirMedicationOrder order) {
        if (order.version() == FhirVersion.DSTU2) {
            return;
        }
        String intent = order.intent();
        if (intent == null || intent.isBlank()) {
            throw new MappingException("medication order intent is missing");
        }
        if (!ORDER_INTENTS.contains(intent)) {
            throw new MappingException(OTHER_INTENTS.contains(intent)
                    ? "medication order intent " + intent + " is not an order"
                    : "medication order intent is not a known intent code");
        }
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }
}
