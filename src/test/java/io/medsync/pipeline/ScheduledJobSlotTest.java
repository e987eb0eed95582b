package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.quartz.impl.triggers.SimpleTriggerImpl;

/**
 * The slot a scheduled trigger is leased under: the lease refuses any slot not above the job's last one, so slots
 * must grow with time whatever fired them.
 */
class ScheduledJobSlotTest {

    private static final long NOON = 1_796_126_400_000L; // 2026-12-01T12:00:00Z

    @Test
    void replicasStartedAtDifferentTimesShareTheSlotOfOneInterval() {
        assertThat(ScheduledJobGuard.slot(fired(NOON + 5_000, 60_000)))
                .isEqualTo(ScheduledJobGuard.slot(fired(NOON + 35_000, 60_000))).isEqualTo(NOON);
    }

    @Test
    void aLongerIntervalAfterAShorterOneStillGetsLaterSlots() {
        long underOneSecond = ScheduledJobGuard.slot(fired(NOON, 1_000));
        long aMinuteLaterUnderOneMinute = ScheduledJobGuard.slot(fired(NOON + 60_000, 60_000));
        assertThat(aMinuteLaterUnderOneMinute).isGreaterThan(underOneSecond);
    }

    @Test
    void aRunFiredByHandDoesNotHoldBackTheNextScheduledTrigger() {
        Exchange byHand = new DefaultExchange(new DefaultCamelContext());
        long handSlot = ScheduledJobGuard.slot(byHand);
        long nextInterval = (handSlot / 60_000 + 1) * 60_000;
        assertThat(ScheduledJobGuard.slot(fired(nextInterval + 10, 60_000))).isGreaterThan(handSlot);
    }

    private static Exchange fired(long at, long interval) {
        SimpleTriggerImpl trigger = new SimpleTriggerImpl();
        trigger.setRepeatInterval(interval);
        trigger.setRepeatCount(-1);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("scheduledFireTime", new Date(at));
        exchange.getMessage().setHeader("trigger", trigger);
        return exchange;
    }
}
