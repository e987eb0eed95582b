package io.medsync.heidi;

import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The crosswalk on embedded PostgreSQL, the production database. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class HeidiProfilesOnPostgresTest extends HeidiProfilesContract {
}
