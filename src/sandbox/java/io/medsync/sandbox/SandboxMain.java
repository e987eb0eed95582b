package io.medsync.sandbox;

import java.util.concurrent.CountDownLatch;

import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.sandbox.nextgen.NextGenSandboxSettings;

/**
 * Runs the simulators in their own JVM (for benchmarks), configured by the same {@code medsync.sandbox.*} names as
 * system properties, e.g. {@code -Dmedsync.sandbox.seed.patients=10000}. Blocks until the process is killed.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig config = SandboxConfig.fromSystemProperties();
        SandboxSettings settings = SandboxSettings.from(config);
        SandboxClock clock = new SandboxClock();
        NexHealthSandbox nexHealth = new NexHealthSandbox(settings, clock);
        NovaMedSandbox novaMed = new NovaMedSandbox(settings, clock);
        NextGenSandbox nextGen = new NextGenSandbox(NextGenSandboxSettings.from(config), clock);
        nexHealth.start();
        novaMed.start();
        nextGen.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            nexHealth.close();
            novaMed.stop();
            nextGen.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("NexHealth sandbox on " + nexHealth.baseUri() + ", NovaMed sandbox on " + novaMed.baseUri()
                + ", NextGen sandbox on " + nextGen.baseUrl());
        stopped.await();
    }
}
