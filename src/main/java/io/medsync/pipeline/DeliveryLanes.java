package io.medsync.pipeline;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

/**
 * The executor a source's parallel split delivers records on, with a lane per running sync: a sync has at most
 * {@code perSync} of its tasks running at once, and its other tasks wait in its own lane, never behind another
 * sync's. Threads come from a shared cached pool, so each running sync gets its own share.
 *
 * <p>
 * Why: with one fixed pool shared by every tenant, a thread waiting for one tenant's NovaMed budget held a slot that
 * the other tenants' records needed, and their budgets went partly unused (BENCHMARKS.md, scenario 7). For a single
 * sync this behaves as the fixed pool did: {@code perSync} threads, tasks in submission order.
 *
 * <p>
 * A task submitted from outside (the sync's own thread) opens or joins that thread's lane; a task submitted while a
 * lane's task runs (Camel's split schedules its next step from the step before) joins the same lane.
 */
public final class DeliveryLanes extends AbstractExecutorService {

    private static final Logger LOG = Logger.getLogger(DeliveryLanes.class);

    private final ExecutorService threads;
    private final int perSync;
    /** The lane of each submitting thread; weak, so the lanes of threads that ended go with them. */
    private final Map<Thread, Lane> bySubmitter = Collections.synchronizedMap(new WeakHashMap<>());
    private final ThreadLocal<Lane> current = new ThreadLocal<>();

    DeliveryLanes(ExecutorService threads, int perSync) {
        if (perSync < 1) {
            throw new IllegalArgumentException("medsync.pipeline.delivery-threads must be at least 1, was " + perSync);
        }
        this.threads = threads;
        this.perSync = perSync;
    }

    /** Lanes on a cached pool of Camel's (named {@code name}, shut down with the routes' context). */
    public static DeliveryLanes create(RouteBuilder routes, String name, int perSync) {
        return new DeliveryLanes(routes.getContext().getExecutorServiceManager().newCachedThreadPool(routes, name),
                perSync);
    }

    @Override
    public void execute(Runnable task) {
        Lane lane = current.get();
        if (lane == null) {
            lane = bySubmitter.computeIfAbsent(Thread.currentThread(), t -> new Lane());
        }
        if (lane.admit(task)) {
            start(lane, task);
        }
    }

    private void start(Lane lane, Runnable first) {
        try {
            threads.execute(() -> drain(lane, first));
        } catch (RejectedExecutionException e) {
            lane.finished();
            throw e;
        }
    }

    /** Runs the task, then the lane's waiting tasks one after the other, until the lane has none left. */
    private void drain(Lane lane, Runnable first) {
        Lane outer = current.get();
        current.set(lane);
        boolean drained = false;
        try {
            for (Runnable task = first; task != null; task = lane.next()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Camel's tasks report their own failures; this only keeps the lane going.
                    LOG.warnf("a delivery task failed outside Camel's handling: %s", e.getClass().getSimpleName());
                }
            }
            drained = true;
        } finally {
            current.set(outer);
            if (!drained) {
                // An Error ended this thread's turn: the lane's place goes on to its next task, not lost with it.
                Runnable next = lane.next();
                if (next != null) {
                    start(lane, next);
                }
            }
        }
    }

    /** One sync's tasks: how many run, and those waiting for a free place, in submission order. */
    private final class Lane {
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int running;

        /** @return true when the task may start now; otherwise it waits in the lane */
        synchronized boolean admit(Runnable task) {
            if (running < perSync) {
                running++;
                return true;
            }
            waiting.add(task);
            return false;
        }

        /** The next waiting task for the thread that finished one, or null (and the place is given back). */
        synchronized Runnable next() {
            Runnable task = waiting.poll();
            if (task == null) {
                running--;
            }
            return task;
        }

        synchronized void finished() {
            running--;
        }
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}
