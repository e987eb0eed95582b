package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.medsync.testing.LogCapture;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The public enrol link cannot grow the ledger without bound (issue 17, "Why" 4: 30,000 unauthenticated requests grew
 * it by 90 MB): consent flows under way are capped per tenant, and expired ones are swept on a schedule.
 */
@QuarkusTest
class NextGenConsentLimitsTest extends StartsOnACleanSlate {

    @Inject
    EnrolmentStore store;

    @Inject
    org.apache.camel.CamelContext camel;

    /** The application's clock (the sandbox clock in tests, which another test may have moved). */
    @Inject
    java.time.Clock clock;

    @ConfigProperty(name = "medsync.nextgen.consent-sweep-interval")
    Duration sweepInterval;

    @ConfigProperty(name = "medsync.nextgen.max-pending-consents")
    int cap;

    @Test
    void unauthenticatedEnrolRequestsStopAtTheCapWithAJson503() {
        int sent = 0;
        int started = 0;
        int refused = 0;
        long before = store.pendingCount();
        for (int i = 0; i < cap * 4; i++) {
            sent++;
            Response r = given().redirects().follow(false).when().get("/nextgen/enrol/" + NextGenTenantsProfile.R4_TENANT);
            if (r.statusCode() == 303) {
                started++;
            } else {
                refused++;
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/json");
                assertThat(r.jsonPath().getString("error")).isEqualTo("consent_capacity");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }
        long after = store.pendingCount();
        System.out.printf("consent cap %d: %d enrol requests, %d started, %d refused (503); rows %d -> %d%n", cap,
                sent, started, refused, before, after);
        assertThat(after).isEqualTo(cap);
        assertThat(started).isEqualTo(cap);

        // The cap is per tenant: the other practice's patients still enrol.
        given().redirects().follow(false).when().get("/nextgen/enrol/" + NextGenTenantsProfile.DSTU2_TENANT)
                .then().statusCode(303);
    }

    @Test
    void expiredConsentFlowsAreSweptOnASchedule() throws Exception {
        for (int i = 0; i < 10; i++) {
            given().redirects().follow(false).when().get("/nextgen/enrol/" + NextGenTenantsProfile.R4_TENANT)
                    .then().statusCode(303);
        }
        assertThat(store.pendingCount()).isEqualTo(10);
        // Seven patients never came back from NextGen: their flows expired.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update nextgen_pending_consent set expires_at = ? where state in (select state from"
                        + " nextgen_pending_consent order by state fetch first 7 rows only)")) {
            // A day ago by the application's clock: expired however far another test moved that clock.
            ps.setTimestamp(1, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
            assertThat(ps.executeUpdate()).isEqualTo(7);
        }
        // The sweep is a quartz route on the configured interval...
        org.apache.camel.Route sweep = camel.getRoute("nextgen-consent-sweep");
        assertThat(sweep).isNotNull();
        assertThat(camel.getRouteController().getRouteStatus("nextgen-consent-sweep").isStarted()).isTrue();
        assertThat(sweep.getEndpoint().getEndpointUri()).startsWith("quartz://medsync/nextgen-consent-sweep")
                .contains("trigger.repeatInterval=" + sweepInterval.toMillis());
        // ...and one firing of it deletes exactly the expired flows. Fired here rather than awaited: in the full
        // suite (many applications started one after another in one JVM) this trigger was seen to stop firing.
        org.apache.camel.Exchange firing = sweep.getEndpoint().createExchange();
        try (LogCapture log = LogCapture.start()) {
            sweep.getConsumer().getProcessor().process(firing);
            assertThat(firing.getException()).isNull();
            assertThat(store.pendingCount()).as("pending consents after one sweep at app clock %s", clock.instant())
                    .isEqualTo(3);
            // The sweep reports how many flows it deleted (a count from a named property, never a message body).
            assertThat(log.lines())
                    .anyMatch(line -> line.matches("(?s).*expired NextGen consent flows deleted: [1-7]\\s*"));
        }
    }
}
