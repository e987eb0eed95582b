package io.medsync.nexhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** NexHealth reads are paced per API key (after a burst of 10), so a sync stays under NexHealth's limit. */
@QuarkusTest
@TestProfile(NexHealthPaceTest.Paced.class)
class NexHealthPaceTest {

    public static class Paced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsync.nexhealth.requests-per-minute", "300", "medsync.nexhealth.per-page", "10");
        }
    }

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Test
    void nexHealthRequestsStayUnderTheConfiguredRate() {
        CleanSlate.reset(sandbox, dataSource);

        runner.runAllTenants();

        List<RecordedRequest> reads = sandbox.nexHealth().recordedRequests().stream()
                .filter(r -> r.method().equals("GET")).toList();
        assertThat(reads.size()).as("enough reads to leave the burst").isGreaterThan(30);
        List<RecordedRequest> paced = reads.subList(10, reads.size());
        Duration span = Duration.between(paced.get(0).receivedAt(), paced.get(paced.size() - 1).receivedAt());
        double perSecond = (paced.size() - 1) / (span.toMillis() / 1000.0);
        System.out.printf("NexHealth pace: %d reads after the burst in %d ms = %.2f/s (configured 5/s)%n",
                paced.size(), span.toMillis(), perSecond);
        // Unpaced, the sandbox answers hundreds per second; tokens refilled during the burst allow a little over 5/s.
        assertThat(perSecond).isLessThanOrEqualTo(5.0 * 1.1);
    }
}
