package io.medsync.novamed.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What is kept of a NovaMed webhook body, and its dedupe key. */
class NovaMedEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPractitionerActivationIsKeyedByPractitionerAndKeepsNoNameEmailOrPhone() throws Exception {
        NovaMedEvent event = NovaMedEvent.from(body("{\"event_name\":\"practitioner:activated\",\"event_data\":{"
                + "\"practitioner_id\":\"p-1\",\"practitioner_name\":\"Dr. John Smith\","
                + "\"practitioner_email\":\"dr.smith@clinic.com\",\"practitioner_phone\":\"+1-555-0123\","
                + "\"practitioner_npi\":\"1234567893\",\"practitioner_status\":\"active\"}}"));

        assertThat(event.key()).isEqualTo("p-1");
        assertThat(event.practitionerId()).isEqualTo("p-1");
        assertThat(event.orderId()).isNull();
        assertThat(event.toString() + event.hashCode()).doesNotContain("Smith", "clinic.com", "555");
        assertThat(java.util.Arrays.stream(NovaMedEvent.class.getRecordComponents()).map(c -> c.getName()))
                .noneMatch(n -> n.contains("name") && !n.equals("name") || n.contains("email") || n.contains("phone"));
    }

    @Test
    void anOrderEventWithoutItsIdIsRefusedRatherThanKeyedByAnotherField() {
        assertThatThrownBy(() -> NovaMedEvent.from(body("{\"event_name\":\"medication_order:filled\","
                + "\"event_data\":{\"practitioner_id\":\"p-1\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event_data.id is missing");
    }

    @Test
    void anUnknownEventWithoutIdsIsKeyedByItsContentSoAnExactRepeatIsADuplicate() throws Exception {
        String unknown = "{\"event_name\":\"refill:requested\",\"event_data\":{\"refill\":\"r\"}}";
        NovaMedEvent first = NovaMedEvent.from(body(unknown));
        assertThat(first.key()).startsWith("sha256:").hasSizeLessThanOrEqualTo(64)
                .isEqualTo(NovaMedEvent.from(body(unknown)).key());
        assertThat(NovaMedEvent.from(body(unknown.replace("\"r\"", "\"s\""))).key()).isNotEqualTo(first.key());
    }

    @Test
    void anOverlongTrackingUrlIsRefused() {
        String url = "https://track.example/" + "x".repeat(2000);
        assertThatThrownBy(() -> NovaMedEvent.from(body("{\"event_name\":\"shipment:created\",\"event_data\":{"
                + "\"id\":\"o-1\",\"tracking_url\":\"" + url + "\"}}")))
                .hasMessage("event_data.tracking_url is longer than 2000 characters");
    }

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }
}
