package io.medsync.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.sandbox.nextgen.NextGenSandboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the NexHealth, NovaMed, NextGen and Heidi simulators inside the application when {@code medsync.sandbox.enabled=true}
 * (demo profile, end-to-end tests) and stops them on shutdown. Tests {@code @Inject} it to reach the simulators.
 */
@ApplicationScoped
public class SandboxLauncher {

    @Inject
    SandboxConfig config;

    private final SandboxClock clock = new SandboxClock();
    private NexHealthSandbox nexHealth;
    private NovaMedSandbox novaMed;
    private NextGenSandbox nextGen;
    private HeidiSandbox heidi;

    // After the start-up checks (@Startup beans run at the default priority): a start that fails on configuration
    // must not leave the simulators bound to their ports, since no ShutdownEvent follows a failed start.
    void onStart(@Observes @jakarta.annotation.Priority(jakarta.enterprise.inject.spi.ObserverMethod.DEFAULT_PRIORITY + 500)
            StartupEvent event) {
        if (config.enabled()) {
            start(settings());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the simulators with the given settings, NextGen's from configuration (no-op if already running). */
    public synchronized void start(SandboxSettings settings) {
        start(settings, nextGenSettings());
    }

    /** Starts the simulators (no-op if already running); a simulator that cannot start stops the others. */
    public synchronized void start(SandboxSettings settings, NextGenSandboxSettings nextGenSettings) {
        if (nexHealth != null) {
            return;
        }
        nexHealth = new NexHealthSandbox(settings, clock);
        novaMed = new NovaMedSandbox(settings, clock);
        nextGen = new NextGenSandbox(nextGenSettings, clock);
        heidi = new HeidiSandbox(settings, clock);
        try {
            nexHealth.start();
            novaMed.start();
            nextGen.start();
            heidi.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    public synchronized void stop() {
        if (nexHealth != null) {
            nexHealth.close();
            novaMed.stop();
            nextGen.close();
            heidi.stop();
            nexHealth = null;
            novaMed = null;
            nextGen = null;
            heidi = null;
        }
    }

    /** The settings built from configuration. */
    public SandboxSettings settings() {
        return SandboxSettings.from(config);
    }

    /** The NextGen simulator's settings built from configuration. */
    public NextGenSandboxSettings nextGenSettings() {
        return NextGenSandboxSettings.from(config);
    }

    public synchronized boolean running() {
        return nexHealth != null;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NexHealthSandbox nexHealth() {
        if (nexHealth == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return nexHealth;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NovaMedSandbox novaMed() {
        if (novaMed == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return novaMed;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NextGenSandbox nextGen() {
        if (nextGen == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return nextGen;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized HeidiSandbox heidi() {
        if (heidi == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return heidi;
    }

    /** The clock every simulator uses, for tests that need to move time on. */
    public SandboxClock clock() {
        return clock;
    }
}
