package io.medsync.nexhealth;

import static io.medsync.mapping.TestData.CLOCK;
import static io.medsync.mapping.TestData.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.mapping.TestData;
import io.medsync.nexhealth.NexHealthTestData.Bio;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.tenant.MappingDefaults;

/** The wire shape NovaMed expects: snake_case top level, camelCase address items. */
class NovaMedPatientJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void patientJsonKeys() throws Exception {
        NovaMedPatient p = new NexHealthPatientMapper(CLOCK).map(NexHealthTestData.patient("Jane", "Ann", "Doe",
                "jane@example.com", Bio.valid().line2("Apt 4").build(), false, 1L), DEFAULTS)
                .withPractitionerId("550e8400-e29b-41d4-a716-446655440009");
        JsonNode node = json.readTree(json.writeValueAsString(p));

        assertThat(fieldNames(node)).containsExactlyInAnyOrder("first_name", "middle_name", "last_name", "gender",
                "dob", "species", "status", "practitioner_id", "assigned_clinic", "contacts", "addresses");
        assertThat(node.get("dob").asText()).isEqualTo("1964-05-03");
        assertThat(node.get("addresses")).hasSize(1);
        assertThat(fieldNames(node.get("addresses").get(0))).containsExactlyInAnyOrder("addressLine1",
                "addressLine2", "city", "state", "postalCode");
        assertThat(fieldNames(node.get("contacts").get(0))).containsExactlyInAnyOrder("key", "value");
    }

    @Test
    void optionalPatientFieldsAreOmittedNotNull() throws Exception {
        NovaMedPatient p = new NexHealthPatientMapper(CLOCK).map(
                NexHealthTestData.patient("Jane", "Doe", null, Bio.valid().phone(null).build()),
                new MappingDefaults(TestData.CLINIC, false, null, null));
        JsonNode node = json.readTree(json.writeValueAsString(p));
        assertThat(fieldNames(node)).doesNotContain("middle_name", "species", "practitioner_id", "contacts");
        assertThat(fieldNames(node.get("addresses").get(0))).doesNotContain("addressLine2");
    }

    @Test
    void practitionerJsonKeys() throws Exception {
        NovaMedPractitioner p = new NexHealthProviderMapper().map(
                NexHealthTestData.provider("Grace", "Hopper", "g@example.com", TestData.NPI, Bio.valid().build()), DEFAULTS);
        JsonNode node = json.readTree(json.writeValueAsString(p));
        assertThat(fieldNames(node)).containsExactlyInAnyOrder("first_name", "last_name", "email", "npi",
                "is_veterinarian", "assigned_clinic", "phone", "address_line_1", "city", "state_code", "zip_code");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
