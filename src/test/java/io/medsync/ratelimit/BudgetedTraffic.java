package io.medsync.ratelimit;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.medsync.http.ResponseHeaders;

/**
 * Worker threads that do what the pusher will do: {@code acquire}, send, {@code observe}. Each replica (one
 * {@link RateBudget} instance) gets its own threads; all share one budget key. Every send is recorded.
 */
final class BudgetedTraffic implements AutoCloseable {

    /** One request: who sent it, when (monotonic nanos and on the test clock), and what came back. */
    record Send(int replica, long sentNanos, Instant sentAt, int status, OptionalLong reset) {
    }

    private final ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Future<?>> workers = new ArrayList<>();
    private final ExecutorService pool;

    /** Starts the workers; they stop once {@code enough} holds for what was sent (checked before each acquire). */
    BudgetedTraffic(List<RateBudget> replicas, int threadsPerReplica, String budgetKey, NovaMedCarriers novaMed,
            Clock clock, Predicate<List<Send>> enough) {
        pool = Executors.newFixedThreadPool(replicas.size() * threadsPerReplica);
        for (int r = 0; r < replicas.size(); r++) {
            RateBudget budget = replicas.get(r);
            int replica = r;
            for (int t = 0; t < threadsPerReplica; t++) {
                workers.add(pool.submit(() -> {
                    while (!stopped.get() && !enough.test(sends())) {
                        budget.acquire(budgetKey);
                        long sentNanos = System.nanoTime();
                        Instant sentAt = clock.instant();
                        HttpResponse<String> response = novaMed.get();
                        sends.add(new Send(replica, sentNanos, sentAt, response.statusCode(),
                                response.headers().firstValueAsLong("X-RateLimit-Reset")));
                        budget.observe(budgetKey, response.statusCode(), ResponseHeaders.of(response.headers().map()),
                                NovaMedCarriers.retryAfter(response));
                    }
                    return null;
                }));
            }
        }
    }

    static Predicate<List<Send>> sent(int requests) {
        return s -> s.size() >= requests;
    }

    boolean finished() {
        return workers.stream().allMatch(Future::isDone);
    }

    /** Waits for the workers and rethrows what failed in them. */
    List<Send> await(Duration atMost) throws Exception {
        pool.shutdown();
        if (!pool.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("traffic did not finish within " + atMost);
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return sends();
    }

    /** What was sent so far, in sending order. */
    List<Send> sends() {
        List<Send> copy = new ArrayList<>(sends);
        copy.sort(Comparator.comparingLong(Send::sentNanos));
        return copy;
    }

    /** Requests per minute from the first to the last send. */
    static double ratePerMinute(List<Send> sends) {
        long span = sends.get(sends.size() - 1).sentNanos() - sends.get(0).sentNanos();
        return (sends.size() - 1) * 60e9 / span;
    }

    @Override
    public void close() {
        stopped.set(true);
        pool.shutdownNow();
    }
}
