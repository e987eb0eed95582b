package io.medsync.nexhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A pull reads its next NexHealth page while the current page is delivered, so NexHealth's answer time is not added
 * to every page; the pages still arrive whole and in order.
 */
@QuarkusTest
class NexHealthReadAheadTest {

    private static final String TENANT = "demo-clinic";
    /** Long next to a page read, so a page read that waits for the deliveries cannot slip in before they end. */
    private static final Duration HELD = Duration.ofSeconds(2);

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    TenantRegistry tenants;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "medsync.pipeline.delivery-threads")
    int deliveryThreads;

    @Test
    void theSecondPageIsReadWhileTheFirstPagesCreatesAreHeldByNovaMed() {
        CleanSlate.reset(sandbox, dataSource);
        // Every delivery thread's first patient create is held; no other create can start before one is answered.
        sandbox.novaMed().faults().delay(NovaMedSandbox.PATIENT_PATH, deliveryThreads, HELD);

        SyncRun run = runner.runScheduled(TENANT, "nexhealth");

        NexHealthLocation first = tenants.get(TENANT).nexHealthLocations().get(0);
        List<Instant> pageReads = sandbox.nexHealth().recordedRequests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/patients")
                        && r.query().contains("location_id=" + first.locationId() + "&"))
                .map(RecordedRequest::receivedAt).sorted().toList();
        List<Instant> creates = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals(NovaMedSandbox.PATIENT_PATH))
                .map(RecordedRequest::receivedAt).sorted().toList();
        assertThat(pageReads).as("the first location's patients come in several pages").hasSizeGreaterThan(2);
        long createsBeforeSecondPage = creates.stream().filter(t -> t.isBefore(pageReads.get(1))).count();
        assertThat(createsBeforeSecondPage)
                .as("creates sent before the second page was read (of %s in the run)", creates.size())
                .isLessThanOrEqualTo(deliveryThreads);
        assertThat(creates.stream().filter(t -> t.isBefore(pageReads.get(2))).count())
                .as("creates sent before the third page was read: the first page's, more than the threads")
                .isGreaterThan(deliveryThreads);

        // Reading ahead loses and repeats nothing: every patient is pulled once and settled.
        assertThat(run.errors()).isEmpty();
        SyncRun.Row patients = run.rows().stream().filter(r -> r.tenant().equals(TENANT) && r.resource().equals("patient")).findFirst()
                .orElseThrow();
        assertThat(patients.get(SyncOutcome.PULLED)).isEqualTo(sandbox.nexHealth().patientCount());
        assertThat(patients.get(SyncOutcome.CREATED) + patients.get(SyncOutcome.FAILED)
                + patients.get(SyncOutcome.PARKED)).isEqualTo(sandbox.nexHealth().patientCount());
    }
}
