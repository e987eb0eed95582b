package io.medsync.crypto;

import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Key rotation on embedded PostgreSQL, the production database. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class KeyRotationOnPostgresTest extends KeyRotationContract {

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
