package io.medsync.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faults that tests queue for the next N requests whose path starts with a prefix. Shared by both simulators.
 * Faults are consumed in the order they were queued; the first pending fault whose prefix matches wins.
 */
public final class FaultInjector {

    /** What to do with a matching request instead of (or before) the normal handling. */
    public sealed interface Fault permits Respond, Delay, Drop, LoseAnswer {
    }

    /** Answer with this status, body and headers instead of the simulator's own response. */
    public record Respond(int status, String body, Map<String, String> headers) implements Fault {
        public Respond {
            headers = Map.copyOf(headers);
        }
    }

    /** Wait this long, then handle the request normally. */
    public record Delay(Duration delay) implements Fault {
    }

    /** Close the connection without sending any response. */
    public record Drop() implements Fault {
    }

    /** Handle the request normally (its effect happens), then close the connection without answering. */
    public record LoseAnswer() implements Fault {
    }

    private static final class Planned {
        final String pathPrefix;
        final Fault fault;
        int skip;
        int remaining;

        Planned(String pathPrefix, Fault fault, int skip, int remaining) {
            this.pathPrefix = pathPrefix;
            this.fault = fault;
            this.skip = skip;
            this.remaining = remaining;
        }
    }

    /**
     * Random faults on every request under {@code pathPrefix}: the given shares answer 503, lose their answer after
     * taking effect, or answer only after {@code slowBy}. Seeded, so a failing run can be repeated.
     */
    public record Chaos(String pathPrefix, double serverErrors, double lostAnswers, double slow, Duration slowBy,
            long seed) {
    }

    private final List<Planned> planned = new ArrayList<>();
    private Chaos chaos;
    private java.util.Random chaosRandom;

    public synchronized void chaos(Chaos spec) {
        this.chaos = spec;
        this.chaosRandom = spec == null ? null : new java.util.Random(spec.seed());
    }

    /** The next {@code times} requests under {@code pathPrefix} get this status and JSON body. */
    public void respondWith(String pathPrefix, int times, int status, String jsonBody) {
        respondWith(pathPrefix, times, status, jsonBody, Map.of("Content-Type", "application/json"));
    }

    /** As {@link #respondWith(String, int, int, String)} with explicit headers (add Content-Type yourself). */
    public void respondWith(String pathPrefix, int times, int status, String body, Map<String, String> headers) {
        add(pathPrefix, times, new Respond(status, body, headers));
    }

    /** The next {@code times} requests under {@code pathPrefix} are answered normally, but {@code delay} later. */
    public void delay(String pathPrefix, int times, Duration delay) {
        add(pathPrefix, times, new Delay(delay));
    }

    /** The next {@code times} requests under {@code pathPrefix} see their connection closed with no response. */
    public void dropConnection(String pathPrefix, int times) {
        add(pathPrefix, times, new Drop());
    }

    /** The next {@code times} requests under {@code pathPrefix} take effect but their answer is lost. */
    public void loseAnswer(String pathPrefix, int times) {
        add(pathPrefix, times, new LoseAnswer());
    }

    /** Lets {@code skip} requests under {@code pathPrefix} through untouched, then answers {@code times} of them so. */
    public void respondWithAfter(String pathPrefix, int skip, int times, int status, String jsonBody) {
        addAfter(pathPrefix, skip, times, new Respond(status, jsonBody, Map.of("Content-Type", "application/json")));
    }

    /** Takes one use of the first pending fault matching {@code path}. */
    public synchronized Optional<Fault> nextFor(String path) {
        Iterator<Planned> it = planned.iterator();
        while (it.hasNext()) {
            Planned p = it.next();
            if (path.startsWith(p.pathPrefix)) {
                if (p.skip > 0) {
                    p.skip--;
                    return Optional.empty();
                }
                if (--p.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(p.fault);
            }
        }
        return chaos != null && path.startsWith(chaos.pathPrefix()) ? chaosFault() : Optional.empty();
    }

    private Optional<Fault> chaosFault() {
        double roll = chaosRandom.nextDouble();
        if (roll < chaos.serverErrors()) {
            return Optional.of(new Respond(503, "{\"success\":false,\"error\":{\"message\":\"Service Unavailable\"}}",
                    Map.of("Content-Type", "application/json")));
        }
        if (roll < chaos.serverErrors() + chaos.lostAnswers()) {
            return Optional.of(new LoseAnswer());
        }
        if (roll < chaos.serverErrors() + chaos.lostAnswers() + chaos.slow()) {
            return Optional.of(new Delay(chaos.slowBy()));
        }
        return Optional.empty();
    }

    /** Number of fault uses still queued, over all prefixes. */
    public synchronized int pending() {
        return planned.stream().mapToInt(p -> p.remaining).sum();
    }

    public synchronized void clear() {
        planned.clear();
        chaos(null);
    }

    private void add(String pathPrefix, int times, Fault fault) {
        addAfter(pathPrefix, 0, times, fault);
    }

    private synchronized void addAfter(String pathPrefix, int skip, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        planned.add(new Planned(pathPrefix, fault, skip, times));
    }
}
