package io.medsync.nexhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.OutboundCaller;
import io.medsync.ratelimit.RateBudget;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * NexHealth reads are paced per API key (after a burst of 10), so a sync stays under NexHealth's limit. The test
 * application runs unpaced; this test reads through a client built as the application builds it, with a pace of
 * 300 a minute, so it needs no boot of its own.
 */
@QuarkusTest
class NexHealthPaceTest {

    private static final int REQUESTS_PER_MINUTE = 300;
    // About as many as a whole sync of the seeded sandbox at 10 a page: tokens refilled during the burst even out.
    private static final int READS = 80;

    @Inject
    OutboundCaller caller;

    @Inject
    NexHealthTokenProvider tokens;

    @Inject
    NexHealthSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    RateBudget budget;

    @Inject
    TenantRegistry tenants;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Test
    void nexHealthRequestsStayUnderTheConfiguredRate() {
        CleanSlate.reset(sandbox, dataSource);
        NexHealthClient client = new NexHealthClient(caller, tokens, pacedAt(REQUESTS_PER_MINUTE), json, budget);
        Tenant tenant = tenants.get("demo-clinic");
        NexHealthLocation location = tenant.nexHealthLocations().get(0);

        for (int i = 0; i < READS; i++) {
            client.patients(tenant, location, null, null);
        }

        List<RecordedRequest> reads = sandbox.nexHealth().recordedRequests().stream()
                .filter(r -> r.method().equals("GET")).toList();
        assertThat(reads.size()).as("enough reads to leave the burst").isGreaterThan(30);
        List<RecordedRequest> paced = reads.subList(10, reads.size());
        Duration span = Duration.between(paced.get(0).receivedAt(), paced.get(paced.size() - 1).receivedAt());
        double perSecond = (paced.size() - 1) / (span.toMillis() / 1000.0);
        System.out.printf("NexHealth pace: %d reads after the burst in %d ms = %.2f/s (configured 5/s)%n",
                paced.size(), span.toMillis(), perSecond);
        // Unpaced, the sandbox answers hundreds per second; tokens refilled during the burst allow a little over 5/s.
        assertThat(perSecond).isLessThanOrEqualTo(REQUESTS_PER_MINUTE / 60.0 * 1.1);
    }

    /** The application's NexHealth settings with {@code medsync.nexhealth.requests-per-minute} set. */
    private NexHealthSettings pacedAt(int requestsPerMinute) {
        return (NexHealthSettings) Proxy.newProxyInstance(NexHealthSettings.class.getClassLoader(),
                new Class<?>[] { NexHealthSettings.class }, (proxy, method, args) -> {
                    if (method.getName().equals("requestsPerMinute")) {
                        return requestsPerMinute;
                    }
                    try {
                        return method.invoke(settings, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
