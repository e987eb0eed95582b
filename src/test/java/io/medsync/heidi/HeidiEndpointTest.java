package io.medsync.heidi;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.medsync.sandbox.SandboxLauncher;

/** Base of the tests of the broker's endpoints: a fresh {@link HeidiBrokerFixture} per test, checked at its end. */
abstract class HeidiEndpointTest {

    @Inject
    SandboxLauncher sandbox;

    HeidiBrokerFixture broker;

    @BeforeEach
    void openFixture() {
        broker = new HeidiBrokerFixture(sandbox);
    }

    @AfterEach
    void noSecretWasLogged() {
        broker.close();
    }
}
