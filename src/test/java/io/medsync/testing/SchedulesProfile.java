package io.medsync.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Service mode for the tests of what runs on a schedule: schedules on, and demo-clinic's NexHealth sync every second
 * (the NextGen tenants' syncs stay off). Schedules are created at start-up, hence a boot of their own; a test here
 * that needs quiet stops the demo-clinic route for its duration.
 */
public class SchedulesProfile implements QuarkusTestProfile {

    public static final String DEMO_CLINIC_SCHEDULE = "nexhealth-sync-schedule-demo-clinic";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "medsync.schedules.enabled", "true",
                // %test: the tenant exists in the test profile only; never a half-tenant in another profile's launch.
                "%test.medsync.tenants.demo-clinic.schedule.nexhealth-sync", "0/1 * * * * ?");
    }
}
