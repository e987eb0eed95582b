package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Many tenants' syncs share one delivery pool. A record is handed to an idle pool thread or delivered by the sync's
 * own thread, never left in a queue behind other tenants' work (where it waited while the tenant's NovaMed budget
 * went unused, or did not move at all while the pool's threads were held by other tenants).
 */
class DeliveryPoolTest {

    @Test
    void whenEveryPoolThreadIsBusyTheSyncsOwnThreadDeliversTheRecord() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ExecutorService pool = DeliveryPool.create(new RouteBuilder(camel) {
                @Override
                public void configure() {
                }
            }, "test-delivery", 4);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(3);
            List<Future<?>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.submit(() -> {
                    busy.countDown();
                    release.await();
                    return null;
                }));
            }
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("three pool threads for four delivery threads").isTrue();

            Thread caller = Thread.currentThread();
            Thread[] ranOn = new Thread[1];
            pool.submit(() -> ranOn[0] = Thread.currentThread());

            assertThat(ranOn[0]).as("delivered at once, by the submitting thread").isSameAs(caller);
            release.countDown();
            for (Future<?> f : held) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
