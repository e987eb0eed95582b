package io.medsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SandboxSeedTest {

    private static final SandboxSeed.Data DATA = SandboxSeed.generate(42, 10, 200, 101);
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
        assertThat(SandboxSeed.generate(42, 10, 200, 101)).isEqualTo(DATA);
        assertThat(SandboxSeed.generate(43, 10, 200, 101).patients()).isNotEqualTo(DATA.patients());
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
