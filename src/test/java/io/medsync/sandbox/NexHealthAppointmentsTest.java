package io.medsync.sandbox;

import static io.medsync.sandbox.NexHealthApi.encode;
import static io.medsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** GET /appointments, /appointments/{id}, /patients/{id} and the two-location split of the NexHealth sandbox. */
class NexHealthAppointmentsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:10Z");
    /** Covers the whole seeded spread (7 days back, 30 ahead). */
    private static final String WIDE = "&start=" + encode(NOW.minus(Duration.ofDays(8)).toString())
            + "&end=" + encode(NOW.plus(Duration.ofDays(31)).toString());

    private SandboxClock clock;
    private NexHealthSandbox sandbox;
    private NexHealthApi api;

    @BeforeEach
    void start() {
        clock = new SandboxClock(Clock.fixed(NOW, ZoneOffset.UTC));
        sandbox = new NexHealthSandbox(SandboxSettings.defaults().withEphemeralPorts(), clock);
        sandbox.start();
        api = new NexHealthApi(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String appointments(long locationId, String extra) {
        return "/appointments?subdomain=" + sandbox.subdomain() + "&location_id=" + locationId + WIDE + extra;
    }

    private List<ObjectNode> seeded(long locationId) {
        return sandbox.appointmentIds().stream().map(id -> sandbox.appointment(id).orElseThrow())
                .filter(a -> a.get("location_id").asLong() == locationId).toList();
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(n -> n.get("id").asLong()).toList();
    }

    @Test
    void pagingWalksEveryAppointmentOfBothLocationsExactlyOnceAndEveryPageMatchesTheContract() throws IOException {
        List<JsonNode> main = api.walk(appointments(sandbox.locationId(), "&per_page=40"));
        List<JsonNode> second = api.walk(appointments(sandbox.secondLocationId(), "&per_page=40"));

        assertThat(ids(main)).doesNotHaveDuplicates()
                .containsExactlyElementsOf(ids(List.copyOf(seeded(sandbox.locationId()))));
        assertThat(ids(second)).isNotEmpty()
                .containsExactlyElementsOf(ids(List.copyOf(seeded(sandbox.secondLocationId()))));
        assertThat(main.size() + second.size()).isEqualTo(300);
        assertThat(main).allMatch(a -> a.get("location_id").asLong() == sandbox.locationId());
    }

    @Test
    void defaultPageHasFiveItemsAndCursorPagingMatchesThePatientsEndpoint() throws IOException {
        JsonNode first = api.getValid(appointments(sandbox.locationId(), ""), 200);
        assertThat(first.path("data")).hasSize(5);
        assertThat(first.path("page_info").path("has_next_page").asBoolean()).isTrue();
        assertThat(first.path("page_info").path("has_previous_page").asBoolean()).isFalse();

        JsonNode second = api.getValid(appointments(sandbox.locationId(),
                "&end_cursor=" + encode(first.path("page_info").path("end_cursor").asText())), 200);
        assertThat(second.path("page_info").path("has_previous_page").asBoolean()).isTrue();
        assertThat(second.path("data").get(0).get("id").asLong())
                .isGreaterThan(first.path("data").get(4).get("id").asLong());
    }

    @Test
    void windowFiltersOnStartTimeInclusive() throws IOException {
        Instant from = NOW;
        Instant to = NOW.plus(Duration.ofDays(2));
        String query = "/appointments?subdomain=" + sandbox.subdomain() + "&location_id=" + sandbox.locationId()
                + "&start=" + encode(from.toString()) + "&end=" + encode(to.toString()) + "&per_page=100";

        List<JsonNode> items = api.walk(query);

        List<Long> expected = seeded(sandbox.locationId()).stream().filter(a -> {
            Instant start = Instant.parse(a.get("start_time").asText());
            return !start.isBefore(from) && !start.isAfter(to);
        }).map(a -> a.get("id").asLong()).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(seeded(sandbox.locationId()).size());
        assertThat(ids(items)).containsExactlyElementsOf(expected);
    }

    @Test
    void updatedSinceReturnsOnlyChangedAppointmentsAndSortByUpdatedAtOrdersThem() throws IOException {
        clock.advance(Duration.ofMinutes(5));
        Instant since = clock.instant();
        List<Long> atMain = ids(List.copyOf(seeded(sandbox.locationId())));
        long first = atMain.get(3);
        long second = atMain.get(1);
        sandbox.updateAppointment(first, a -> a.put("confirmed", true));
        clock.advance(Duration.ofSeconds(1));
        sandbox.cancelAppointment(second);

        List<JsonNode> items = api.walk(appointments(sandbox.locationId(),
                "&per_page=10&sort=updated_at&updated_since=" + encode(since.toString())));

        assertThat(ids(items)).containsExactly(first, second);
        assertThat(items.get(1).get("cancelled").asBoolean()).isTrue();
        assertThat(Instant.parse(items.get(1).get("cancelled_at").asText())).isEqualTo(clock.instant());
        List<JsonNode> descending = api.walk(appointments(sandbox.locationId(),
                "&sort=-updated_at&updated_since=" + encode(since.toString())));
        assertThat(ids(descending)).containsExactly(second, first);
    }

    @Test
    void cancelledAndUnavailableFilterOnlyWhenGiven() throws IOException {
        long location = sandbox.locationId();
        List<JsonNode> all = api.walk(appointments(location, "&per_page=1000"));
        List<JsonNode> cancelled = api.walk(appointments(location, "&per_page=1000&cancelled=true"));
        List<JsonNode> notCancelled = api.walk(appointments(location, "&per_page=1000&cancelled=false"));
        List<JsonNode> blocks = api.walk(appointments(location, "&per_page=1000&unavailable=true"));

        assertThat(all).anyMatch(a -> a.get("cancelled").asBoolean()).anyMatch(a -> a.get("unavailable").asBoolean());
        assertThat(cancelled).isNotEmpty().allMatch(a -> a.get("cancelled").asBoolean());
        assertThat(notCancelled).noneMatch(a -> a.get("cancelled").asBoolean());
        assertThat(cancelled.size() + notCancelled.size()).isEqualTo(all.size());
        assertThat(blocks).isNotEmpty().allMatch(a -> a.get("unavailable").asBoolean() && a.get("patient_id").isNull());
    }

    @Test
    void patientAndProviderIdFiltersAndTheirLimit() throws IOException {
        ObjectNode booked = seeded(sandbox.locationId()).stream().filter(a -> !a.get("patient_id").isNull())
                .findFirst().orElseThrow();
        long patientId = booked.get("patient_id").asLong();
        long providerId = booked.get("provider_id").asLong();

        List<JsonNode> forPatient = api.walk(appointments(sandbox.locationId(), "&patient_ids[]=" + patientId));
        List<JsonNode> forProvider = api.walk(appointments(sandbox.locationId(),
                "&per_page=1000&provider_ids[]=" + providerId));

        assertThat(forPatient).isNotEmpty().allMatch(a -> a.get("patient_id").asLong() == patientId);
        assertThat(forProvider).isNotEmpty().allMatch(a -> a.get("provider_id").asLong() == providerId);
        String tooMany = java.util.stream.LongStream.rangeClosed(1, 26).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        assertThat(api.get(appointments(sandbox.locationId(), "&patient_ids[]=" + tooMany)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void missingOrMalformedWindowOrLocationIsABadRequest() throws IOException {
        String base = "/appointments?subdomain=" + sandbox.subdomain();
        String end = "&end=" + encode(NOW.toString());
        String start = "&start=" + encode(NOW.minus(Duration.ofDays(1)).toString());

        HttpResponse<String> noStart = api.get(base + "&location_id=" + sandbox.locationId() + end);
        assertThat(noStart.statusCode()).isEqualTo(400);
        assertThat(json(noStart).path("error").get(0).asText()).isEqualTo("start is missing");
        assertThat(api.get(base + "&location_id=" + sandbox.locationId() + start).statusCode()).isEqualTo(400);
        assertThat(api.get(base + "&location_id=" + sandbox.locationId() + "&start=yesterday" + end).statusCode())
                .isEqualTo(400);
        assertThat(api.get(base + start + end).statusCode()).isEqualTo(400);
        assertThat(api.get(base + "&location_id=999" + start + end).statusCode()).isEqualTo(403);
        assertThat(api.get(base + "&location_id=" + sandbox.locationId() + start + end + "&sort=id").statusCode())
                .isEqualTo(400);
        assertThat(api.get("/appointments?subdomain=nope&location_id=" + sandbox.locationId() + start + end)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void appointmentByIdMatchesItsLegacyTypedSchemaAndUnknownIdsAre404() throws IOException {
        long id = sandbox.appointmentIds().get(0);
        String path = "/appointments/" + id + "?subdomain=" + sandbox.subdomain();

        JsonNode body = api.getValid(path, 200);

        assertThat(body.path("data").toString()).isEqualTo(sandbox.appointment(id).orElseThrow().toString());
        HttpResponse<String> missing = api.get("/appointments/1?subdomain=" + sandbox.subdomain());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains(NexHealthSandbox.AUTH_CONTENT_TYPE);
        assertThat(json(missing).path("code").asBoolean()).isFalse();
    }

    @Test
    void patientByIdAddsLocationIdsAndMatchesTheDetailedSchema() throws IOException {
        long atSecond = sandbox.patientIdsAt(sandbox.secondLocationId()).get(0);
        String path = "/patients/" + atSecond + "?subdomain=" + sandbox.subdomain();

        JsonNode body = api.getValid(path, 200);

        assertThat(body.path("data").path("location_ids")).extracting(JsonNode::asLong)
                .containsExactly(sandbox.secondLocationId());
        assertThat(body.path("data").path("id").asLong()).isEqualTo(atSecond);
        assertThat(sandbox.patient(atSecond).orElseThrow().has("location_ids")).isFalse();
        assertThat(api.get("/patients/1?subdomain=" + sandbox.subdomain()).statusCode()).isEqualTo(404);
        assertThat(api.get("/patients/" + atSecond + "?subdomain=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void strictLocationSplitsPatientsWhileTheDefaultSearchesTheWholeInstitution() throws IOException {
        String base = "/patients?subdomain=" + sandbox.subdomain() + "&per_page=1000";
        List<JsonNode> main = api.walk(base + "&location_id=" + sandbox.locationId() + "&location_strict=true");
        List<JsonNode> second = api.walk(base + "&location_id=" + sandbox.secondLocationId()
                + "&location_strict=true");
        List<JsonNode> whole = api.walk(base + "&location_id=" + sandbox.locationId());

        assertThat(ids(main)).containsExactlyElementsOf(sandbox.patientIdsAt(sandbox.locationId()));
        assertThat(ids(second)).containsExactlyElementsOf(sandbox.patientIdsAt(sandbox.secondLocationId()))
                .hasSize(40);
        assertThat(Set.copyOf(ids(main))).doesNotContainAnyElementsOf(ids(second));
        assertThat(whole).hasSize(sandbox.patientCount());
    }

    @Test
    void addAppointmentBooksAtThePatientsLocationWithTheirProvider() throws IOException {
        long patientId = sandbox.patientIdsAt(sandbox.secondLocationId()).get(0);
        Instant start = NOW.plus(Duration.ofDays(2));

        long id = sandbox.addAppointment(patientId, start, Duration.ofMinutes(45), a -> a.put("note", "Added"));

        JsonNode served = api.getValid("/appointments/" + id + "?subdomain=" + sandbox.subdomain(), 200)
                .path("data");
        assertThat(served.get("location_id").asLong()).isEqualTo(sandbox.secondLocationId());
        assertThat(served.get("patient_id").asLong()).isEqualTo(patientId);
        assertThat(served.get("end_time").asText()).isEqualTo(start.plus(Duration.ofMinutes(45)).toString()
                .replace("Z", ".000Z"));
        assertThat(ids(api.walk(appointments(sandbox.secondLocationId(), "&patient_ids[]=" + patientId))))
                .contains(id);
    }
}
