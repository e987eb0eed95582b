package io.medsync.testing;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.medsync.sandbox.SandboxLauncher;

/**
 * In the tests the application judges token expiry by the sandbox clock (it replaces the system clock, a default
 * bean), so a test moves time past an expiry with {@code SandboxClock.advance} instead of waiting.
 */
@Singleton
public class SandboxAppClock {

    @Produces
    @Singleton
    Clock clock(SandboxLauncher sandbox) {
        return sandbox.clock();
    }
}
