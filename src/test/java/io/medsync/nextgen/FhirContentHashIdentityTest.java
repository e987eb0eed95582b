package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.ReferenceContentHash;
import io.medsync.nextgen.FhirFixtures.DosageSpec;
import io.medsync.nextgen.FhirFixtures.OrderSpec;
import io.medsync.nextgen.FhirFixtures.PatientSpec;
import io.medsync.nextgen.FhirFixtures.PractitionerSpec;
import io.medsync.tenant.FhirVersion;

/**
 * The FHIR records medsync hashes (patients, practitioners, orders with their dosage instructions), in both FHIR
 * versions, hash exactly as they did before the content hash became one pass ({@link ReferenceContentHash}).
 */
class FhirContentHashIdentityTest {

    @Property(tries = 300)
    void fhirRecordsHashAsBefore(@ForAll("versions") FhirVersion version, @ForAll("dosages") List<DosageSpec> dosages,
            @ForAll("refills") Integer refills) throws Exception {
        FhirFixtures fixtures = FhirFixtures.of(version);
        FhirReader reader = FhirReader.of(version);
        OrderSpec order = new OrderSpec().dosages(dosages.toArray(DosageSpec[]::new)).refills(refills);
        for (Object record : List.of(reader.resource(fixtures.order(order)),
                reader.resource(fixtures.patient(new PatientSpec())),
                reader.resource(fixtures.practitioner(new PractitionerSpec())))) {
            assertThat(ContentHash.of(record)).as("%s", record.getClass().getSimpleName())
                    .isEqualTo(ReferenceContentHash.of(record));
        }
    }

    @Provide
    Arbitrary<FhirVersion> versions() {
        return Arbitraries.of(FhirVersion.values());
    }

    @Provide
    Arbitrary<Integer> refills() {
        return Arbitraries.integers().between(1, 12);
    }

    @Provide
    Arbitrary<List<DosageSpec>> dosages() {
        return Combinators.combine(
                Arbitraries.of("1", "2", "0.5", "12.50", null),
                Arbitraries.of("tablet", "mL", null),
                Arbitraries.of(1, 2, 3),
                Arbitraries.of("h", "d"),
                Arbitraries.of("6", "8", "1"),
                Arbitraries.of("Take 1 tablet by mouth daily", "Apply thinly twice daily", null))
                .as((dose, unit, frequency, periodUnit, period, text) -> {
                    DosageSpec d = DosageSpec.structured(dose, unit, "Oral route", frequency, period, periodUnit);
                    d.text = text;
                    return d;
                })
                .list().ofMinSize(1).ofMaxSize(3);
    }
}
