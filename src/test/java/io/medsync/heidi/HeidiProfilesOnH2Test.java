package io.medsync.heidi;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HeidiProfilesOnH2Test extends HeidiProfilesContract {
}
