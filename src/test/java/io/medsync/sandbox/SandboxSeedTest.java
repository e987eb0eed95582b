package io.medsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SandboxSeedTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:10Z");
    private static final SandboxSeed.Plan PLAN = new SandboxSeed.Plan(42, 10, 200, 300, 101, 102, NOW);
    private static final SandboxSeed.Data DATA = SandboxSeed.generate(PLAN);
    private static final String[] PHONE_KEYS = {"phone_number", "cell_phone_number", "home_phone_number",
            "work_phone_number"};

    private static long count(List<ObjectNode> items, Predicate<JsonNode> p) {
        return items.stream().filter(p).count();
    }

    private static String phone(JsonNode patient) {
        for (String key : PHONE_KEYS) {
            String v = patient.path("bio").path(key).asText("");
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    @Test
    void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
        assertThat(SandboxSeed.generate(PLAN)).isEqualTo(DATA);
        SandboxSeed.Data other = SandboxSeed.generate(new SandboxSeed.Plan(43, 10, 200, 300, 101, 102, NOW));
        assertThat(other.patients()).isNotEqualTo(DATA.patients());
        assertThat(other.appointments()).isNotEqualTo(DATA.appointments());
        assertThat(other.patientLocations()).isNotEqualTo(DATA.patientLocations());
    }

    @Test
    void appointmentsAndLocationsAreDeterministicAndLeaveThePeopleUnchanged() {
        SandboxSeed.Data again = SandboxSeed.generate(PLAN);
        assertThat(again.appointments()).hasSize(300).isEqualTo(DATA.appointments());
        assertThat(again.patientLocations()).isEqualTo(DATA.patientLocations());
        // Appointments are placed relative to "now"; the offsets from it depend on the seed only.
        SandboxSeed.Data later = SandboxSeed.generate(new SandboxSeed.Plan(42, 10, 200, 300, 101, 102,
                NOW.plus(Duration.ofDays(3))));
        assertThat(later.patients()).isEqualTo(DATA.patients());
        assertThat(later.appointments()).extracting(a -> Instant.parse(a.get("start_time").asText()))
                .containsExactlyElementsOf(DATA.appointments().stream()
                        .map(a -> Instant.parse(a.get("start_time").asText()).plus(Duration.ofDays(3))).toList());
    }

    @Test
    void aboutAFifthOfPatientsBelongToTheSecondLocationOnlyAndProvidersServeBoth() {
        assertThat(DATA.patientLocations()).hasSize(200);
        assertThat(DATA.patientLocations().values()).containsOnly(101L, 102L);
        assertThat(DATA.patientLocations().values().stream().filter(l -> l == 102L).count()).isEqualTo(40);
        assertThat(DATA.patients()).noneMatch(p -> p.has("location_ids"));
        assertThat(DATA.providers()).allSatisfy(p -> assertThat(p.get("locations"))
                .extracting(l -> l.get("id").asLong()).containsExactly(101L, 102L));
    }

    @Test
    void appointmentsCoverTheCasesTheAppMustHandle() {
        List<ObjectNode> appointments = DATA.appointments();
        Map<Long, ObjectNode> patientsById = DATA.patients().stream()
                .collect(Collectors.toMap(p -> p.get("id").asLong(), p -> p));
        assertThat(appointments).extracting(a -> a.get("id").asLong()).doesNotHaveDuplicates()
                .allMatch(id -> id > Integer.MAX_VALUE);
        assertThat(appointments).allSatisfy(a -> {
            Instant start = Instant.parse(a.get("start_time").asText());
            assertThat(start).isBetween(NOW.minus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(30)));
            assertThat(Instant.parse(a.get("end_time").asText())).isAfter(start);
            assertThat(Instant.parse(a.get("updated_at").asText())).isBeforeOrEqualTo(NOW)
                    .isAfterOrEqualTo(Instant.parse(a.get("created_at").asText()));
            assertThat(a.get("location_id").asLong()).isIn(101L, 102L);
            if (!a.get("patient_id").isNull()) {
                assertThat(a.get("location_id").asLong())
                        .isEqualTo(DATA.patientLocations().get(a.get("patient_id").asLong()));
            }
            assertThat(a.get("cancelled_at").isNull()).isEqualTo(!a.get("cancelled").asBoolean());
            assertThat(a.get("unavailable").asBoolean()).isEqualTo(a.get("patient_id").isNull());
        });
        assertThat(count(appointments, a -> a.get("unavailable").asBoolean())).isEqualTo(15);
        assertThat(count(appointments, a -> a.get("cancelled").asBoolean())).isEqualTo(24);
        assertThat(count(appointments, a -> a.get("appointment_type_id").asInt() == 0)).isPositive();
        assertThat(count(appointments, a -> Instant.parse(a.get("start_time").asText()).isBefore(NOW))).isPositive();
        assertThat(appointments.stream().map(a -> a.get("provider_id").asLong()).distinct().count())
                .isGreaterThan(3);
        Set<Long> withAppointments = appointments.stream().filter(a -> !a.get("patient_id").isNull())
                .map(a -> a.get("patient_id").asLong()).collect(Collectors.toSet());
        assertThat(withAppointments).hasSize(120); // 60% of 200
        assertThat(withAppointments).anyMatch(id -> patientsById.get(id).get("provider_id").isNull());
        assertThat(appointments).filteredOn(a -> !a.get("patient_id").isNull()
                && patientsById.get(a.get("patient_id").asLong()).get("provider_id").isNull())
                .allMatch(a -> !a.get("provider_id").isNull());
    }

    @Test
    void patientsCarryTheMessinessTheMappersMustHandle() {
        List<ObjectNode> patients = DATA.patients();
        assertThat(patients).hasSize(200);
        assertThat(count(patients, p -> p.get("email").isNull())).isBetween(20L, 40L);
        assertThat(count(patients, p -> p.get("inactive").asBoolean())).isBetween(10L, 30L);
        assertThat(count(patients, p -> p.get("provider_id").isNull())).isBetween(10L, 30L);
        assertThat(count(patients, p -> !p.get("bio").has("date_of_birth"))).isBetween(1L, 8L);
        assertThat(count(patients, p -> !p.get("bio").has("city") || !p.get("bio").has("street_address")))
                .isBetween(2L, 10L);
        assertThat(count(patients, p -> p.get("first_name").asText().length() == 1)).isBetween(1L, 4L);
        assertThat(count(patients, p -> !p.get("first_name").asText().matches("\\p{ASCII}*")
                || !p.get("last_name").asText().matches("\\p{ASCII}*"))).isGreaterThan(20L);
        assertThat(count(patients, p -> p.get("last_name").asText().contains("'"))).isPositive();
        assertThat(count(patients, p -> p.get("bio").path("state").asText().length() > 2)).isBetween(3L, 20L);
        assertThat(count(patients, p -> p.get("bio").path("zip_code").asText().matches("\\d{5}-\\d{4}")))
                .isPositive();
        assertThat(patients).extracting(p -> p.get("bio").path("gender").asText(null))
                .contains("Female", "Male", "F", "M", "Other", null);
        assertThat(patients).allMatch(p -> !p.get("bio").has("date_of_birth")
                || p.get("bio").get("date_of_birth").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void phonesComeInManyFormatsAndPlaces() {
        List<String> phones = DATA.patients().stream().map(SandboxSeedTest::phone).toList();
        assertThat(phones).anyMatch(p -> p.matches("\\d{10}"))
                .anyMatch(p -> p.matches("\\(\\d{3}\\) \\d{3}-\\d{4}"))
                .anyMatch(p -> p.matches("\\d{3}-\\d{3}-\\d{4}"))
                .anyMatch(p -> p.matches("\\d{3}\\.\\d{3}\\.\\d{4}"))
                .anyMatch(p -> p.matches("\\+1 \\d{3} \\d{3} \\d{4}"))
                .anyMatch(p -> p.matches("1-\\d{3}-\\d{3}-\\d{4}"))
                .anyMatch(p -> p.matches(".* x\\d+"))
                .anyMatch(p -> p.replaceAll("\\D", "").length() < 10);
        assertThat(count(DATA.patients(), p -> p.get("bio").path("phone_number").asText("").isEmpty()))
                .isGreaterThan(20L);
    }

    @Test
    void providersHaveValidNpisExceptTheDeliberateOnes() {
        List<ObjectNode> providers = DATA.providers();
        assertThat(providers.get(SandboxSeed.PROVIDER_WITHOUT_NPI).get("npi").isNull()).isTrue();
        String bad = providers.get(SandboxSeed.PROVIDER_WITH_BAD_NPI_CHECK_DIGIT).get("npi").asText();
        assertThat(bad).matches("\\d{10}");
        assertThat(Npi.isValid(bad)).isFalse();
        assertThat(count(providers, p -> Npi.isValid(p.path("npi").asText(null)))).isEqualTo(8);
        assertThat(providers.get(SandboxSeed.PROVIDER_WITHOUT_EMAIL).get("email").isNull()).isTrue();
        assertThat(count(providers, p -> p.get("email").isNull())).isEqualTo(1);
        assertThat(providers.get(SandboxSeed.PROVIDER_WITHOUT_ADDRESS).get("bio").has("city")).isFalse();
        assertThat(count(providers, p -> p.get("bio").has("address_line_1"))).isEqualTo(9);
    }

    @Test
    void idsAreDistinctRangesAndTimestampsAreInThePast() {
        assertThat(DATA.providers()).allMatch(p -> p.get("id").asLong() < SandboxSeed.FIRST_PATIENT_ID);
        assertThat(DATA.patients()).allMatch(p -> p.get("id").asLong() >= SandboxSeed.FIRST_PATIENT_ID);
        assertThat(DATA.patients()).allMatch(p -> p.get("updated_at").asText().startsWith("2025-"));
    }

    @Test
    void npiCheckDigitMatchesTheCmsExample() {
        // CMS's worked example: 123456789 -> check digit 3.
        assertThat(Npi.checkDigit("123456789")).isEqualTo(3);
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
    }
}
