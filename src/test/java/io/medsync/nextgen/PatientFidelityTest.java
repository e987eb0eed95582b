package io.medsync.nextgen;

import static io.medsync.mapping.TestData.DEFAULTS;
import static io.medsync.mapping.TestData.assertNoPhi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.mapping.MappingException;
import io.medsync.mapping.TestData;
import io.medsync.nextgen.FhirFixtures.Name;
import io.medsync.nextgen.FhirFixtures.PatientSpec;
import io.medsync.nextgen.FhirFixtures.PractitionerSpec;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.tenant.FhirVersion;

/**
 * Issue 15, classes 7–9 and 13: only living patients, their current name, address and telecom, gender from US
 * Core's sex extensions when administrative gender is absent, bounded field sizes, and every problem at once. The
 * Patient JSON these rows change has the same shape in R4 and DSTU2.
 */
class PatientFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirPatientMapper patients = new FhirPatientMapper(TestData.CLOCK);
    private final FhirPractitionerMapper practitioners = new FhirPractitionerMapper();

    private static ObjectNode address(String use, String line, String end) {
        ObjectNode a = JSON.createObjectNode();
        if (use != null) {
            a.put("use", use);
        }
        a.putArray("line").add(line);
        a.put("city", "Dallas").put("state", "TX").put("postalCode", "75201");
        if (end != null) {
            a.putObject("period").put("end", end);
        }
        return a;
    }

    static Stream<Arguments> mapped() {
        return rows(
                row("an official name whose period ended gives way to the usual one",
                        (Consumer<PatientSpec>) p -> p.names = List.of(new Name("official", List.of("Maria"), "Old"),
                                new Name("usual", List.of("Zoë"), "Nguyễn")),
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.path("name").get(0)).putObject("period")
                                .put("end", "2001-05-01"),
                        (Consumer<NovaMedPatient>) out -> assertThat(out.firstName() + " " + out.lastName())
                                .isEqualTo("Zoë Nguyễn")),
                row("a name with use=old is not current",
                        (Consumer<PatientSpec>) p -> p.names = List.of(new Name("old", List.of("Maria"), "Old"),
                                new Name(null, List.of("Zoë"), "Nguyễn")),
                        (Consumer<ObjectNode>) j -> {
                        },
                        (Consumer<NovaMedPatient>) out -> assertThat(out.firstName()).isEqualTo("Zoë")),
                row("a former home (period ended, or use=old) is not the shipping address", none(),
                        (Consumer<ObjectNode>) j -> {
                            j.withArray("address").insert(0, address("home", "1 Former Rd", "2019-12-31"));
                            j.withArray("address").insert(0, address("old", "2 Former Rd", null));
                        },
                        (Consumer<NovaMedPatient>) out -> assertThat(out.addresses().get(0).addressLine1())
                                .isEqualTo("12 Maple Ave")),
                row("a current home address beats one with no use", none(),
                        (Consumer<ObjectNode>) j -> j.withArray("address").add(address("home", "5 Elm St", null)),
                        (Consumer<NovaMedPatient>) out -> assertThat(out.addresses().get(0).addressLine1())
                                .isEqualTo("5 Elm St")),
                row("the best-ranked current mobile number", none(),
                        (Consumer<ObjectNode>) j -> {
                            j.withArray("telecom").addObject().put("system", "phone").put("use", "mobile")
                                    .put("value", "512-555-0123").put("rank", 1);
                            j.withArray("telecom").insertObject(0).put("system", "phone").put("use", "old")
                                    .put("value", "512-555-0777");
                        },
                        (Consumer<NovaMedPatient>) out -> assertThat(out.contacts())
                                .contains(new NovaMedPatient.Contact("phone", "5125550123"))),
                row("no administrative gender: US Core birth sex", none(),
                        (Consumer<ObjectNode>) j -> {
                            j.remove("gender");
                            j.withArray("extension").addObject().put("url",
                                    FhirElements.US_CORE_BIRTH_SEX).put("valueCode", "F");
                        },
                        (Consumer<NovaMedPatient>) out -> assertThat(out.gender()).isEqualTo("female")),
                row("no administrative gender: US Core sex (SNOMED CT)", none(),
                        (Consumer<ObjectNode>) j -> {
                            j.remove("gender");
                            j.withArray("extension").addObject().put("url", FhirElements.US_CORE_SEX)
                                    .put("valueCode", "248153007");
                        },
                        (Consumer<NovaMedPatient>) out -> assertThat(out.gender()).isEqualTo("male")),
                row("no gender stated anywhere: unknown", none(), (Consumer<ObjectNode>) j -> j.remove("gender"),
                        (Consumer<NovaMedPatient>) out -> assertThat(out.gender()).isEqualTo("unknown")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mapped")
    void currentDemographicsAreSent(FhirVersion version, String label, Consumer<PatientSpec> spec,
            Consumer<ObjectNode> json, Consumer<NovaMedPatient> expect) throws Exception {
        expect.accept(patients.toNovaMed(read(version, spec, json), DEFAULTS));
    }

    static Stream<Arguments> refused() {
        return rows(
                row("deceasedBoolean", none(), (Consumer<ObjectNode>) j -> j.put("deceasedBoolean", true),
                        "patient is deceased (deceased[x]); records of deceased patients are not sent"),
                row("deceasedDateTime", none(), (Consumer<ObjectNode>) j -> j.put("deceasedDateTime", "2024-02-03"),
                        "patient is deceased (deceased[x]); records of deceased patients are not sent"),
                row("every name ended or old", (Consumer<PatientSpec>) p -> p.names = List.of(
                        new Name("old", List.of("Maria"), "Old")), (Consumer<ObjectNode>) j -> {
                        }, "patient name.given is missing; patient name.family is missing"),
                row("a 5,000-character given name", (Consumer<PatientSpec>) p -> p.name("Z".repeat(5000), "Nguyễn"),
                        (Consumer<ObjectNode>) j -> {
                        }, "patient name.given is longer than 100 characters"),
                row("only a former address", none(), (Consumer<ObjectNode>) j -> ((ObjectNode) j.path("address")
                        .get(0)).put("use", "old"), "patient address is incomplete (missing address.line, "
                        + "address.city, address.state, address.postalCode)"),
                row("every problem at once", (Consumer<PatientSpec>) p -> p.name("Zoë", null).birthDate("2031-01-01"),
                        (Consumer<ObjectNode>) j -> j.put("deceasedBoolean", true), "patient is deceased "
                        + "(deceased[x]); records of deceased patients are not sent; patient name.family is missing; "
                        + "patient birth date is in the future"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refused")
    void refusedWithEveryReason(FhirVersion version, String label, Consumer<PatientSpec> spec,
            Consumer<ObjectNode> json, String reasons) throws Exception {
        FhirPatient read = read(version, spec, json);

        MappingException e = catchThrowableOfType(MappingException.class, () -> patients.toNovaMed(read, DEFAULTS));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(reasons);
        assertNoPhi(e, read);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FhirVersion.class)
    void aPractitionerWithNoEmailAndAnInvalidNpiHearsOfBoth(FhirVersion version) {
        FhirPractitioner read = (FhirPractitioner) FhirReader.of(version).resource(FhirFixtures.of(version)
                .practitioner(new PractitionerSpec().email(null).npi("1234567890")));

        MappingException e = catchThrowableOfType(MappingException.class,
                () -> practitioners.toNovaMed(read, DEFAULTS));

        assertThat(e.reasons()).containsExactly("practitioner email is missing",
                "practitioner npi fails the NPI check digit");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static FhirPatient read(FhirVersion version, Consumer<PatientSpec> change, Consumer<ObjectNode> patch)
            throws Exception {
        PatientSpec spec = new PatientSpec();
        change.accept(spec);
        ObjectNode json = (ObjectNode) JSON.readTree(FhirFixtures.of(version).patient(spec));
        patch.accept(json);
        return (FhirPatient) FhirReader.of(version).resource(json.toString());
    }

    private static Consumer<PatientSpec> none() {
        return p -> {
        };
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static Stream<Arguments> rows(Object[]... rows) {
        return Arrays.stream(FhirVersion.values()).flatMap(v -> Arrays.stream(rows)
                .map(r -> Arguments.of(Stream.concat(Stream.of(v), Arrays.stream(r)).toArray())));
    }
}
