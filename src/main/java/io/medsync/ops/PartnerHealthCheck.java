package io.medsync.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.medsync.http.PartnerCalls;
import io.smallrye.health.api.HealthGroup;

/**
 * {@code /q/health/group/partners}: can medsync reach its partners, judged by the outcomes of its recent calls (no
 * probe per health request). Deliberately not part of readiness: a partner outage must not take medsync out of a
 * load balancer, whose webhooks and ops API keep working. DOWN when a partner's last
 * {@code medsync.health.partners.failure-threshold} calls all failed to reach it.
 */
@HealthGroup("partners")
@ApplicationScoped
public class PartnerHealthCheck implements HealthCheck {

    private final PartnerCalls calls;
    private final int threshold;

    PartnerHealthCheck(PartnerCalls calls,
            @ConfigProperty(name = "medsync.health.partners.failure-threshold", defaultValue = "3") int threshold) {
        this.calls = calls;
        this.threshold = threshold;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("partners").up();
        calls.all().forEach((partner, r) -> {
            boolean reachable = r.consecutiveFailures() < threshold;
            if (!reachable) {
                response.down();
            }
            response.withData(partner, (reachable ? "reachable" : "unreachable") + ", last reached "
                    + (r.lastReachable() == null ? "never" : r.lastReachable().toString())
                    + ", consecutive failures " + r.consecutiveFailures());
        });
        return response.build();
    }
}
