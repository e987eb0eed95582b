package io.medsync.testing;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.medsync.sandbox.SandboxLauncher;

/**
 * Base of a {@code @QuarkusTest} whose every test starts from freshly seeded sandboxes and an empty ledger
 * ({@link CleanSlate}): the application is shared between test classes, so what ran before must not leak in.
 * JUnit runs this reset before the subclass's own {@code @BeforeEach} methods.
 */
public abstract class StartsOnACleanSlate {

    @Inject
    protected SandboxLauncher sandbox;

    @Inject
    protected DataSource dataSource;

    @BeforeEach
    void resetSandboxesAndLedger() {
        CleanSlate.reset(sandbox, dataSource);
    }
}
