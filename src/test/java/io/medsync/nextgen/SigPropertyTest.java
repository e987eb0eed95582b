package io.medsync.nextgen;

import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.mapping.TestData.CLINIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import io.medsync.mapping.MappingException;
import io.medsync.nextgen.FhirFixtures.DosageSpec;
import io.medsync.nextgen.FhirFixtures.OrderSpec;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.MedicationOrderDefaults;

/**
 * Generated prescriptions (R4 and DSTU2, 1–4 structured or free-text dosage instructions, with or without units,
 * sequences, timing, bounds, PRN; refills from -2 to 120; liquid and solid drugs): each either maps to a body that
 * satisfies NovaMed's contract and says every instruction's dose, frequency and duration in order, or is refused
 * with reasons naming fields. No body has a bare-number direction, a refill that is not a whole number, or a unit of
 * measure that is not the dose's.
 */
class SigPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MedicationOrderDefaults DEFAULTS =
            new MedicationOrderDefaults(CLINIC, "se-3818360", "fedex_ground", false);
    private static final List<String> DRUGS = List.of("Prednisone 10 MG Oral Tablet",
            "Ibuprofen 20 MG/ML Oral Suspension", "0.3 ML Epinephrine 1 MG/ML Auto-Injector",
            "Amoxicillin 875 MG / Clavulanate 125 MG Oral Tablet", "Prednisone Oral Tablet", "Cough syrup");

    private final FhirMedicationOrderMapper orders = new FhirMedicationOrderMapper();

    /** A prescription as generated, with the FHIR version it is written in. */
    record Generated(FhirVersion version, OrderSpec spec) {
    }

    @Property(tries = 400)
    void everyInstructionReachesTheDirectionInOrderOrTheOrderIsRefused(@ForAll("prescriptions") Generated g)
            throws Exception {
        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(g.version())
                .resource(FhirFixtures.of(g.version()).order(g.spec()));
        NovaMedMedicationOrder out;
        try {
            out = orders.toNovaMed(read, DEFAULTS);
        } catch (MappingException e) {
            assertThat(e.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("medication order ")
                    .matches("[A-Za-z0-9_ .,:()/\\[\\]\\-]+"));
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("mapped");
        assertValidNovaMedRequest("POST", "/api/external/medication-order", JSON.writeValueAsString(
                out.withParties("770e8400-e29b-41d4-a716-446655440002", "660e8400-e29b-41d4-a716-446655440001")));
        NovaMedMedicationOrder.Item item = out.medicationRequests().get(0);

        assertThat(item.direction()).as("no bare-number direction").matches("(?s).*[A-Za-z]{3,}.*");
        if (item.refills() != null) {
            assertThat(item.refills()).matches("\\d{1,2}");
        }
        if (item.unitOfMeasure() != null) {
            assertThat(item.dose()).as("unit of measure is the dose's").contains(" " + item.unitOfMeasure());
        }
        int at = 0;
        for (DosageSpec d : inDirectionOrder(g)) {
            for (String said : said(d)) {
                int found = item.direction().indexOf(said, at);
                assertThat(found).as("'%s' in order in '%s'", said, item.direction()).isGreaterThanOrEqualTo(0);
                at = found + said.length();
            }
        }
    }

    /** In R4 by sequence (stable), in DSTU2 (no sequence) as listed. */
    private static List<DosageSpec> inDirectionOrder(Generated g) {
        List<DosageSpec> list = new ArrayList<>(g.spec().dosages);
        if (g.version() == FhirVersion.R4 && list.stream().allMatch(d -> d.sequence != null)) {
            list.sort(Comparator.comparing(d -> d.sequence));
        }
        return list;
    }

    /** What the direction must say of one instruction, in this order: the text, else dose, frequency, duration. */
    private static List<String> said(DosageSpec d) {
        if (d.text != null) {
            return List.of(d.text.substring(1)); // after "then"/"and" the sig's verb is lower-cased
        }
        List<String> words = new ArrayList<>();
        if (d.dose != null) {
            words.add(d.dose.stripTrailingZeros().toPlainString() + " ");
        } else if (d.doseLow != null) {
            words.add(d.doseLow.stripTrailingZeros().toPlainString() + " to "
                    + d.doseHigh.stripTrailingZeros().toPlainString() + " ");
        }
        if (d.period != null) {
            words.add(frequency(d.frequency, d.period.stripTrailingZeros().toPlainString(), d.periodUnit));
        }
        if (d.asNeeded) {
            words.add("as needed");
        }
        if (d.boundsValue != null) {
            words.add("for " + d.boundsValue.toPlainString() + " day");
        }
        return words;
    }

    /** The frequency as a pharmacist writes it, spelled out independently of the renderer. */
    private static String frequency(int f, String period, String unit) {
        String word = "h".equals(unit) ? "hour" : "day";
        String times = f == 1 ? "once" : f == 2 ? "twice" : "three times";
        if ("1".equals(period)) {
            return f == 1 && "h".equals(unit) ? "every hour" : times + ("h".equals(unit) ? " per hour" : " daily");
        }
        return (f == 1 ? "" : times + " ") + "every " + period + " " + word + "s";
    }

    @Provide
    Arbitrary<Generated> prescriptions() {
        Arbitrary<DosageSpec> dosage = Combinators.combine(
                Arbitraries.of("1", "2", "0.5", "5", "10", null),
                Arbitraries.of("tablet", "mL", "mg", "TAB", null),
                Arbitraries.of(1, 2, 3),
                Arbitraries.of("h", "d"),
                Arbitraries.of("6", "8", "1"),
                Arbitraries.integers().between(0, 14),
                Arbitraries.of(true, false),
                Arbitraries.of("Take 1 tablet by mouth daily", "Apply thinly twice daily", null, null))
                .as((dose, unit, frequency, periodUnit, period, bounds, prn, text) -> {
                    DosageSpec d = DosageSpec.structured(dose, unit, "Oral route", frequency, period, periodUnit);
                    d.text = text;
                    if (bounds > 0) {
                        d.bounds(String.valueOf(bounds), "d");
                    }
                    if (prn) {
                        d.prn(null);
                    }
                    return d;
                });
        Arbitrary<List<DosageSpec>> dosages = dosage.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Integer>> sequences = Arbitraries.integers().between(1, 3).list().ofSize(4);
        return Combinators.combine(Arbitraries.of(FhirVersion.values()), dosages, sequences,
                Arbitraries.of(true, false), Arbitraries.of(DRUGS), Arbitraries.integers().between(-2, 120))
                .as((version, ds, seq, sequenced, drug, refills) -> {
                    List<DosageSpec> copies = new ArrayList<>();
                    for (int i = 0; i < ds.size(); i++) {
                        DosageSpec d = copy(ds.get(i));
                        d.sequence = sequenced ? seq.get(i) : null;
                        copies.add(d);
                    }
                    OrderSpec o = new OrderSpec().dosages(copies.toArray(DosageSpec[]::new))
                            .refills(version == FhirVersion.DSTU2 && refills < 1 ? null : refills);
                    o.medication.text = drug;
                    o.medication.display = drug;
                    return new Generated(version, o);
                });
    }

    /** jqwik may hand the same instance twice: each prescription gets its own. */
    private static DosageSpec copy(DosageSpec s) {
        DosageSpec d = new DosageSpec();
        d.text = s.text;
        d.dose = s.dose;
        d.doseUnit = s.doseUnit;
        d.route = s.route;
        d.frequency = s.frequency;
        d.period = s.period;
        d.periodUnit = s.periodUnit;
        d.boundsValue = s.boundsValue;
        d.boundsUnit = s.boundsUnit;
        d.asNeeded = s.asNeeded;
        return d;
    }
}
