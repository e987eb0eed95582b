package io.medsync.nextgen;

/**
 * The two NextGen tenants with patient consent that every {@code @QuarkusTest} application has (configured in
 * {@code src/test/resources/application-test.properties}): one reads R4, one DSTU2. Not a test profile: they need no
 * boot of their own.
 */
public final class NextGenTenantsProfile {

    /**
     * The fixed port the application listens on in tests: the tenants' registered redirect URI names it. The same
     * property moves both (parallel checkouts), see {@code quarkus.http.test-port} in the test configuration.
     */
    public static final int APP_PORT = Integer.getInteger("medsync.test.app-port", 28095);
    public static final String R4_TENANT = "nextgen-r4";
    public static final String DSTU2_TENANT = "nextgen-dstu2";

    private NextGenTenantsProfile() {
    }
}
