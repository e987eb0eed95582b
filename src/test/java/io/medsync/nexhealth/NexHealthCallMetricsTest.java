package io.medsync.nexhealth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.sandbox.SandboxLauncher;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Partner calls show in /q/metrics as Camel route and endpoint series beside medsync_http_calls_total, labelled by
 * route and static endpoint only: reads of two different patients add no series naming either, nor a path or query.
 */
@QuarkusTest
class NexHealthCallMetricsTest {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Inject
    NexHealthClient client;

    @Inject
    TenantRegistry tenants;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Test
    void readsOfTwoPatientsAreCountedOnTheRouteAndItsEndpointWithNoIdPathOrQueryAsALabel() {
        CleanSlate.reset(sandbox, dataSource);
        Tenant tenant = tenants.get("demo-clinic");
        NexHealthLocation location = tenant.nexHealthLocations().get(0);
        List<Long> patients = sandbox.nexHealth().patientIdsAt(location.locationId()).subList(0, 2);
        // Each answer read into its record by the route (NexHealthPatientDetail, location ids beside the patient).
        patients.forEach(id -> assertThat(client.patient(tenant, location, id)).hasValueSatisfying(detail -> {
            assertThat(detail.patient().id()).isEqualTo(id);
            assertThat(detail.locationIds()).contains(location.locationId());
        }));

        List<String> series = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> !l.startsWith("#")).toList();

        assertThat(series).anyMatch(l -> l.startsWith("camel_exchanges_total")
                && l.contains("routeId=\"partner-call-nexhealth\""));
        assertThat(series).anyMatch(l -> l.startsWith("camel_exchange_event_notifier")
                && l.contains("endpointName=\"nexhealth-http://nexhealth\""));
        assertThat(series).anyMatch(l -> l.startsWith("medsync_http_calls_total") && l.contains("system=\"nexhealth\""));
        // The exchange event notifier hears of partner calls only (each exchange it hears of costs a registry search).
        assertThat(series).filteredOn(l -> l.startsWith("camel_exchange_event_notifier"))
                .allMatch(l -> l.contains("routeId=\"partner-call-"));
        List<String> labelValues = series.stream().filter(l -> l.startsWith("camel_") || l.startsWith("medsync_http"))
                .flatMap(NexHealthCallMetricsTest::labelValues).toList();
        assertThat(labelValues).isNotEmpty().noneMatch(v -> v.contains("?") || v.contains("/patients")
                || v.contains(location.subdomain()) || v.contains(tenant.nexHealthApiKey()));
        for (long id : patients) {
            assertThat(labelValues).noneMatch(v -> v.contains(Long.toString(id)));
        }
    }

    private static Stream<String> labelValues(String line) {
        int open = line.indexOf('{');
        int close = line.lastIndexOf('}');
        if (open < 0 || close < open) {
            return Stream.empty();
        }
        Matcher m = LABEL.matcher(line.substring(open + 1, close));
        Stream.Builder<String> values = Stream.builder();
        while (m.find()) {
            values.add(m.group(2));
        }
        return values.build();
    }
}
