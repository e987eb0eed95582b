package io.medsync.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.ratelimit.RateBudget;
import io.medsync.tenant.Tenant;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One {@link PartnerCircuit} per partner and API key, shared by every run, targeted sync and redelivery of this
 * process. Our own breaker rather than Camel's circuit-breaker EIP: that one keeps one state per EIP in a route,
 * and the delivery route is one template shared by all tenants, whose NovaMed keys fail independently.
 */
@ApplicationScoped
public class PartnerCircuits {

    private final Map<String, PartnerCircuit> circuits = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    @Inject
    PartnerCircuits(MeterRegistry metrics,
            @ConfigProperty(name = "medsync.circuit.failure-threshold", defaultValue = "3") int threshold,
            @ConfigProperty(name = "medsync.circuit.open-for", defaultValue = "PT30S") Duration openFor) {
        this(metrics, threshold, openFor, Clock.systemUTC());
    }

    PartnerCircuits(MeterRegistry metrics, int threshold, Duration openFor, Clock clock) {
        this.metrics = metrics;
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** The circuit of the tenant's NovaMed API key. */
    public PartnerCircuit novaMed(Tenant tenant) {
        return circuit("novamed", tenant.id(), tenant.novaMedApiKey(), threshold);
    }

    /**
     * The circuit of a tenant's reads from a source ({@code nexhealth}, {@code nextgen}): while open, the tenant's
     * pulls stop reading, report the source unavailable and keep their cursors; the next run probes it again.
     */
    public PartnerCircuit source(String partner, Tenant tenant) {
        // One failed read already spent the client's retries, and stops its pull: it is the outage, not a blip.
        return circuit(partner, tenant.id(), tenant.id(), 1);
    }

    /** An HTTP status after retries that means the partner is not there: no answer (0), a 5xx, a 429 that lasted. */
    public static boolean outage(int httpStatus) {
        return httpStatus <= 0 || httpStatus == 429 || httpStatus >= 500;
    }

    PartnerCircuit circuit(String partner, String tenantId, String apiKey, int failureThreshold) {
        return circuits.computeIfAbsent(RateBudget.budgetKey(partner, apiKey), key -> {
            PartnerCircuit circuit = new PartnerCircuit(partner, tenantId, failureThreshold, openFor, clock);
            // 1 while the partner answers, 0 while its records wait: labels name configuration, never a key.
            Gauge.builder("medsync.partner.available", circuit, c -> c.unavailable() ? 0 : 1)
                    .description("1 while the partner answers; 0 while its circuit is open and records wait")
                    .tags("partner", partner, "tenant", tenantId)
                    .register(metrics);
            return circuit;
        });
    }

    /** Closes every circuit, as if each partner had just answered (tests start from here). */
    public void closeAll() {
        circuits.values().forEach(PartnerCircuit::answered);
    }

    /** Every circuit this process has opened a call through, for the ops status. */
    public List<PartnerCircuit> all() {
        return circuits.values().stream()
                .sorted(Comparator.comparing(PartnerCircuit::partner).thenComparing(PartnerCircuit::tenant))
                .toList();
    }
}
