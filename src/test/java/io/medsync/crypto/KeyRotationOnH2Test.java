package io.medsync.crypto;

import io.quarkus.test.junit.QuarkusTest;

/** Key rotation on the in-memory H2 database of the test profile. */
@QuarkusTest
class KeyRotationOnH2Test extends KeyRotationContract {

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
