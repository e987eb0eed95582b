package io.medsync.pipeline;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

import io.medsync.ledger.JobLeases;
import io.quarkus.arc.Unremovable;

/**
 * The one guard of every scheduled route ({@code quartz:} consumers, whoever defines them): a trigger runs its route
 * only on the replica that takes the job's lease ({@link JobLeases}) for that trigger, so several replicas run each
 * trigger once. Camel applies it to every route it creates, scheduled routes added later included; one-shot
 * start-up tasks ({@code trigger.repeatCount=0}) and routes that claim their own work (route property
 * {@link JobLeases#NO_LEASE}) run on every replica.
 * <p>
 * A trigger is identified across replicas by its scheduled fire time for cron triggers (the same instant on every
 * replica), and by the interval window it falls in for interval triggers (replicas started at different times fire
 * at different instants): at most one run per window. The lease is renewed while the run lasts; a replica that dies
 * mid-run loses it after {@code medsync.jobs.lease-ttl}, and the next trigger after that runs on another replica.
 */
@Unremovable
@ApplicationScoped
public class ScheduledJobGuard implements RoutePolicyFactory {

    private static final Logger LOG = Logger.getLogger(ScheduledJobGuard.class);
    private static final String LEASE = "MedsyncJobLease";

    private final JobLeases leases;
    private final Duration ttl;
    private final Map<String, JobLeases.Lease> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "medsync-job-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    ScheduledJobGuard(JobLeases leases, @ConfigProperty(name = "medsync.jobs.lease-ttl") Duration ttl) {
        this.leases = leases;
        this.ttl = ttl;
        long period = Math.max(1, ttl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewHeld, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        if (node instanceof RouteDefinition route && route.getInput() != null
                && route.getInput().getEndpointUri().startsWith("quartz:")
                && !route.getInput().getEndpointUri().contains("repeatCount=0")
                && !claimsItsOwnWork(route)) {
            return new LeasePolicy();
        }
        return null;
    }

    /** A route that claims its own work declares it ({@link JobLeases#NO_LEASE}) and runs on every replica. */
    private static boolean claimsItsOwnWork(RouteDefinition route) {
        return route.getRouteProperties() != null && route.getRouteProperties().stream()
                .anyMatch(property -> JobLeases.NO_LEASE.equals(property.getKey())
                        && "true".equals(property.getValue()));
    }

    @PreDestroy
    void stop() {
        renewer.shutdownNow();
    }

    /**
     * The trigger an exchange of a scheduled route was fired by, the same number on every replica: epoch
     * milliseconds, of the fire time or (simple triggers, whose fire times differ by replica start) of the start of
     * its interval. Always milliseconds, so slots only grow: a slot counted in intervals would fall far below the
     * {@code last_slot} of a run fired by hand or under a shorter interval, and the job would never run again.
     */
    static long slot(Exchange exchange) {
        Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        long fired = scheduled != null ? scheduled.getTime() : System.currentTimeMillis();
        Trigger trigger = exchange.getMessage().getHeader("trigger", Trigger.class);
        if (trigger instanceof SimpleTrigger simple && simple.getRepeatInterval() > 0) {
            long interval = simple.getRepeatInterval();
            return Math.floorDiv(fired, interval) * interval;
        }
        return fired;
    }

    private void renewHeld() {
        held.forEach((job, lease) -> {
            try {
                if (!leases.renew(lease, ttl)) {
                    held.remove(job, lease);
                    LOG.warnf("scheduled job %s: lease lost (expired and taken by another replica)", job);
                }
            } catch (RuntimeException e) {
                LOG.warnf("scheduled job %s: lease not renewed (%s), retrying", job, e.getClass().getSimpleName());
            }
        });
    }

    private final class LeasePolicy extends RoutePolicySupport {

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            String job = route.getRouteId();
            long slot = slot(exchange);
            Optional<JobLeases.Lease> lease;
            try {
                lease = leases.acquire(job, slot, ttl);
            } catch (RuntimeException e) {
                // Without a lease nobody can tell whether another replica runs this trigger: skip it.
                LOG.warnf("scheduled job %s: trigger skipped, the lease could not be taken (%s)", job,
                        e.getClass().getSimpleName());
                exchange.setRouteStop(true);
                return;
            }
            if (lease.isEmpty()) {
                if (held.containsKey(job)) {
                    // Not another replica: this one is still running the job's previous trigger (a long sync).
                    LOG.debugf("scheduled job %s: trigger %d skipped, the previous trigger still runs here", job, slot);
                } else {
                    LOG.debugf("scheduled job %s: trigger %d runs on another replica", job, slot);
                }
                exchange.setRouteStop(true);
                return;
            }
            LOG.debugf("scheduled job %s: trigger %d runs here (fencing token %d)", job, slot, lease.get().token());
            held.put(job, lease.get());
            exchange.setProperty(LEASE, lease.get());
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            JobLeases.Lease lease = exchange.getProperty(LEASE, JobLeases.Lease.class);
            if (lease != null) {
                held.remove(lease.job(), lease);
                try {
                    leases.release(lease);
                } catch (RuntimeException e) {
                    // The ledger went away meanwhile: the lease expires on its own after the TTL.
                    LOG.warnf("scheduled job %s: lease not released (%s), it expires by itself", lease.job(),
                            e.getClass().getSimpleName());
                    return;
                }
                LOG.debugf("scheduled job %s: trigger %d done at %d", lease.job(), lease.slot(),
                        System.currentTimeMillis());
            }
        }
    }
}
