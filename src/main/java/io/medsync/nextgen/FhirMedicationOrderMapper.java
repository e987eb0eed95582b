package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.mapping.MappingDefaultsRules;
import io.medsync.mapping.MappingException;
import io.medsync.mapping.Names;
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
 * value. Free-text notes are never sent.
 */
@ApplicationScoped
public class FhirMedicationOrderMapper {

    /** The status codes of MedicationRequest (R4) and MedicationOrder (DSTU2); only these are quoted in reasons. */
    private static final Set<String> STATUS_CODES = Set.of("active", "on-hold", "cancelled", "completed",
            "entered-in-error", "stopped", "draft", "unknown");

    /** R4 intents that are an actual order; a proposal, plan or option is not a prescription to fill. */
    private static final Set<String> ORDER_INTENTS = Set.of("order", "original-order", "reflex-order",
            "filler-order", "instance-order");
    private static final Set<String> OTHER_INTENTS = Set.of("proposal", "plan", "option");

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
     * Checks run in a fixed order (status, intent, medication, dose, quantity, direction); the first failure is
     * reported.
     */
    private static Prescription prescription(FhirMedicationOrder order) {
        if (order == null) {
            throw new MappingException("medication order record is missing");
        }
        String status = order.status();
        if (status == null || status.isBlank()) {
            throw new MappingException("medication order status is missing");
        }
        if (!"active".equals(status)) {
            throw new MappingException(STATUS_CODES.contains(status)
                    ? "medication order status " + status + " is not active"
                    : "medication order status is not a known status code");
        }
        requireOrderIntent(order);

        FhirMedication medication = order.medication();
        if (medication == null) {
            throw new MappingException(order.medicationReference() != null
                    ? "medication order referenced medication was not resolved"
                    : "medication order medication is missing");
        }
        String name = Names.clean(medication.name());
        if (name == null) {
            throw new MappingException("medication order medication name is missing");
        }

        FhirQuantity dose = order.dose() != null && positive(order.dose().value()) ? order.dose() : null;
        String strength = Names.clean(medication.strength());
        String doseText = dose != null ? dose.display() : strength;
        if (doseText == null) {
            throw new MappingException("medication order has no dose or strength");
        }

        FhirQuantity dispense = order.dispenseQuantity();
        if (dispense == null || dispense.value() == null) {
            throw new MappingException("medication order dispense quantity is missing");
        }
        if (!positive(dispense.value())) {
            throw new MappingException("medication order dispense quantity is not positive");
        }

        // The sig as the prescriber wrote it; without one, the structured dose is the whole instruction.
        String direction = Names.clean(order.dosageText());
        if (direction == null && dose != null) {
            direction = dose.display();
        }
        if (direction == null) {
            throw new MappingException("medication order has no directions");
        }

        Integer daysSupply = order.daysSupply() != null && order.daysSupply() > 0 ? order.daysSupply() : null;
        return new Prescription(name, doseText, strength, dispense.plainValue(), Names.clean(dispense.unit()),
                direction, order.refills(), daysSupply);
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
