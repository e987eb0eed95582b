package io.medsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SandboxSupportTest {

    @Test
    void settingsReadTheDocumentedPropertyNamesWithDefaults() {
        Map<String, String> props = Map.of(
                "medsync.sandbox.seed.patients", "12",
                "medsync.sandbox.latency", "PT0.25S",
                "medsync.sandbox.nexhealth.port", "19091",
                "medsync.sandbox.nexhealth.token-ttl", "PT1H",
                "medsync.sandbox.novamed.rate-limit-per-minute", "60");

        SandboxSettings s = SandboxSettings.fromProperties(props);

        assertThat(s.patients()).isEqualTo(12);
        assertThat(s.providers()).isEqualTo(10);
        assertThat(s.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.nexHealth().port()).isEqualTo(19091);
        assertThat(s.nexHealth().tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(s.nexHealth().subdomain()).isEqualTo("demo-dental");
        assertThat(s.novaMed().rateLimitPerMinute()).isEqualTo(60);
        assertThat(s.novaMed().clinicId()).isEqualTo("5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01");
    }

    @Test
    void settingsReadTheAppointmentLocationAndWebhookProperties() {
        SandboxSettings defaults = SandboxSettings.defaults();
        assertThat(defaults.appointments()).isEqualTo(300);
        assertThat(defaults.nexHealth().secondLocationId()).isEqualTo(102);
        assertThat(defaults.nexHealth().webhookRetryScale()).isEqualTo(1.0);

        SandboxSettings s = SandboxSettings.fromProperties(Map.of(
                "medsync.sandbox.seed.appointments", "40",
                "medsync.sandbox.nexhealth.second-location-id", "777",
                "medsync.sandbox.nexhealth.webhook-retry-scale", "0.001"));

        assertThat(s.appointments()).isEqualTo(40);
        assertThat(s.nexHealth().secondLocationId()).isEqualTo(777);
        assertThat(s.nexHealth().webhookRetryScale()).isEqualTo(0.001);
        assertThat(s.withEphemeralPorts().nexHealth().secondLocationId()).isEqualTo(777);
    }

    @Test
    void clockAdvancesOnlyForward() {
        SandboxClock clock = new SandboxClock(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(java.time.Instant.EPOCH.plusSeconds(300));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultInjectorConsumesMatchingFaultsInOrder() {
        FaultInjector faults = new FaultInjector();
        faults.respondWith("/a", 2, 503, "{}");
        faults.dropConnection("/b", 1);

        assertThat(faults.nextFor("/c")).isEmpty();
        assertThat(faults.nextFor("/b/x")).containsInstanceOf(FaultInjector.Drop.class);
        assertThat(faults.nextFor("/b/x")).isEmpty();
        assertThat(faults.nextFor("/a")).get().extracting(f -> ((FaultInjector.Respond) f).status()).isEqualTo(503);
        assertThat(faults.pending()).isEqualTo(1);
        faults.clear();
        assertThat(faults.nextFor("/a")).isEmpty();
    }

    @Test
    void rateLimiterCountsPerKeyInFixedMinuteWindows() {
        SandboxClock clock = new SandboxClock(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:10Z"),
                java.time.ZoneOffset.UTC));
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(clock, 1);

        assertThat(limiter.acquire("k1").allowed()).isTrue();
        assertThat(limiter.acquire("k2").allowed()).isTrue();
        FixedWindowRateLimiter.Decision rejected = limiter.acquire("k1");
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(50);
        clock.advance(Duration.ofSeconds(50));
        assertThat(limiter.acquire("k1").allowed()).isTrue();
    }

    @Test
    void delayFaultDelaysButStillAnswers() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
        try (NovaMedSandbox sandbox = new NovaMedSandbox(settings, new SandboxClock())) {
            sandbox.start();
            sandbox.faults().delay("/api/external/carriers", 1, Duration.ofMillis(300));
            SandboxHttp http = new SandboxHttp(sandbox.baseUri());
            long start = System.nanoTime();
            int status = http.get(NovaMedSandbox.CARRIERS_PATH, Map.of("x-api-key", sandbox.apiKey())).statusCode();
            assertThat(status).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }
}
