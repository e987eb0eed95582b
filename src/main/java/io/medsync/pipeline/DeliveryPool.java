package io.medsync.pipeline;

import java.util.concurrent.ExecutorService;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The executor a source's parallel split delivers a page with, shared by every tenant's sync of that source.
 * <p>
 * It hands a record over instead of queueing it: the record goes to an idle pool thread, or the sync's own thread
 * delivers it (caller runs). With a queue, a tenant's records could wait behind other tenants' work while its NovaMed
 * budget went unused: with a queue of 1,000, 20 tenants on one replica used 0.94 of their summed budgets; with a
 * queue of one record per pool thread, three tenants' syncs made no progress at all for five minutes (0.85). Handed
 * over, every running sync delivers with its own thread at least (0.997), and a page is still delivered by
 * {@code deliveryThreads} threads at once: the sync's own thread and {@code deliveryThreads - 1} pool threads (at
 * least one).
 */
public final class DeliveryPool {

    private DeliveryPool() {
    }

    public static ExecutorService create(RouteBuilder routes, String name, int deliveryThreads) {
        int poolThreads = Math.max(1, deliveryThreads - 1);
        try {
            return new ThreadPoolBuilder(routes.getContext())
                    .poolSize(poolThreads)
                    .maxPoolSize(poolThreads)
                    .maxQueueSize(0)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                    .build(routes, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + name + " thread pool", e);
        }
    }
}
