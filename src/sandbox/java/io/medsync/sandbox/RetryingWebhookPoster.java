package io.medsync.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every simulated vendor does with a webhook: POST it asynchronously on a small executor, and on a non-2xx
 * answer or an I/O error try again on the vendor's {@link WebhookRetrySchedule} until it is accepted or the schedule
 * ends. The vendor-specific parts (headers, body, what to record, what giving up means) are the caller's.
 */
final class RetryingWebhookPoster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RetryingWebhookPoster.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Hears about each attempt (status 0 = no answer) and about giving up after the last one. */
    interface Listener {
        void attempted(int attempt, int status);

        default void gaveUp(int attempts) {
        }
    }

    private final WebhookRetrySchedule schedule;
    private final ScheduledExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RetryingWebhookPoster(String threadName, WebhookRetrySchedule schedule) {
        this.schedule = schedule;
        AtomicInteger counter = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, threadName + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Idle posters hold no threads, so sandboxes that are stopped without close() leak nothing.
        pool.setKeepAliveTime(5, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /**
     * Queues the delivery of {@code body} to {@code target}; {@code headers} is asked again before every attempt
     * (a signature may cover the time of sending); a retry is skipped once {@code stillWanted} says false.
     */
    void post(URI target, Supplier<Map<String, String>> headers, byte[] body, BooleanSupplier stillWanted,
            Listener listener) {
        submit(() -> attempt(target, headers, body, stillWanted, listener, 1), Duration.ZERO);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void attempt(URI target, Supplier<Map<String, String>> headers, byte[] body, BooleanSupplier stillWanted,
            Listener listener, int attempt) {
        if (attempt > 1 && !stillWanted.getAsBoolean()) {
            return;
        }
        int status = send(target, headers.get(), body);
        listener.attempted(attempt, status);
        if (status >= 200 && status < 300) {
            return;
        }
        schedule.delayAfter(attempt).ifPresentOrElse(
                delay -> submit(() -> attempt(target, headers, body, stillWanted, listener, attempt + 1), delay),
                () -> listener.gaveUp(attempt));
    }

    /** The receiver's status, or 0 when there was none (I/O error, timeout). */
    private int send(URI target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void submit(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Webhook poster closed; delivery dropped");
        }
    }
}
