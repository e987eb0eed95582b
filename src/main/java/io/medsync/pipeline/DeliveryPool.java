package io.medsync.pipeline;

import java.util.concurrent.ExecutorService;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The executor a source's parallel split delivers a page with, shared by every tenant's sync of that source.
 * <p>
 * Its queue is short (one record per pool thread): when it is full, the sync's own thread delivers the record (caller
 * runs). With a long queue, one tenant's sync could leave its whole page in the shared queue, behind other tenants'
 * records, and the pool's threads then waited on those tenants' NovaMed budgets while this tenant's budget went
 * unused (20 tenants on one replica used 0.94 of their summed budgets). Now every running sync delivers with its own
 * thread at least, and a page is still delivered by {@code deliveryThreads} threads at once: the sync's own thread
 * and {@code deliveryThreads - 1} pool threads (at least one). The short queue keeps the pool's threads busy while
 * the sync's own thread delivers (with no queue at all they idled then).
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
                    .maxQueueSize(poolThreads)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                    .build(routes, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + name + " thread pool", e);
        }
    }
}
