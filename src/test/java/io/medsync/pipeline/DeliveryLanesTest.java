package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each running sync delivers on at most its own number of threads, and a sync whose threads all wait (for its
 * tenant's NovaMed budget, say) does not hold up another sync's records.
 */
class DeliveryLanesTest {

    private static final int PER_SYNC = 4;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final DeliveryLanes lanes = new DeliveryLanes(threads, PER_SYNC);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final List<Integer> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        lanes.shutdown();
        assertThat(lanes.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSyncRunsAtMostItsNumberOfTasksAtOnceAndTheRestWaitInTheOrderTheyCame() {
        for (int i = 0; i < 10; i++) {
            lanes.execute(waitingTask(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == PER_SYNC);
        assertThat(started).containsExactlyInAnyOrder(0, 1, 2, 3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == 10);
        assertThat(mostAtOnce).hasValue(PER_SYNC);
        assertThat(started.subList(PER_SYNC, 10)).containsExactly(4, 5, 6, 7, 8, 9);
    }

    @Test
    void aSyncWhoseThreadsAllWaitDoesNotHoldUpAnotherSync() throws InterruptedException {
        Thread first = new Thread(() -> {
            for (int i = 0; i < PER_SYNC * 2; i++) {
                lanes.execute(waitingTask(i));
            }
        });
        first.start();
        first.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == PER_SYNC);

        CountDownLatch otherDelivered = new CountDownLatch(1);
        Thread second = new Thread(() -> lanes.execute(otherDelivered::countDown));
        second.start();

        assertThat(otherDelivered.await(10, TimeUnit.SECONDS)).as("the other sync's record went out").isTrue();
        assertThat(finished).as("while the first sync's tasks still wait").hasValue(0);
    }

    @Test
    void aTaskSubmittedByARunningTaskJoinsItsLane() {
        // Camel's parallel split schedules each next step from the step before, on the pool's threads.
        lanes.execute(() -> {
            for (int i = 0; i < 10; i++) {
                lanes.execute(waitingTask(i));
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == PER_SYNC);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == 10);
        assertThat(mostAtOnce).as("the steps submitted from the pool count against the same sync").hasValue(PER_SYNC);
    }

    @Test
    void aTaskThatThrowsDoesNotStopItsLane() {
        lanes.execute(() -> {
            throw new IllegalStateException("boom");
        });
        for (int i = 0; i < PER_SYNC * 2; i++) {
            lanes.execute(waitingTask(i));
        }
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == PER_SYNC * 2);
    }

    @Test
    void aTaskEndedByAnErrorHandsItsPlaceOnToTheNextTask() throws InterruptedException {
        DeliveryLanes oneAtATime = new DeliveryLanes(threads, 1);
        CountDownLatch nextRan = new CountDownLatch(1);

        oneAtATime.execute(() -> {
            throw new TaskError();
        });
        oneAtATime.execute(nextRan::countDown);

        assertThat(nextRan.await(10, TimeUnit.SECONDS)).as("the task after the error ran").isTrue();
    }

    /** Stands for an Error escaping a task (Camel's own tasks catch everything else). */
    private static final class TaskError extends Error {
        TaskError() {
            super("thrown by the test", null, false, false);
        }
    }

    @Test
    void aSyncNeedsAtLeastOneThread() {
        assertThatThrownBy(() -> new DeliveryLanes(threads, 0)).hasMessageContaining("delivery-threads");
    }

    private Runnable waitingTask(int number) {
        return () -> {
            started.add(number);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                finished.incrementAndGet();
            }
        };
    }
}
