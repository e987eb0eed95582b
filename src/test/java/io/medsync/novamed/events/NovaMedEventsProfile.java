package io.medsync.novamed.events;

import io.medsync.nextgen.NextGenTenantsProfile;

/**
 * No longer a test profile: the NextGen consent tenants are in every test application, which listens on
 * {@link NextGenTenantsProfile#APP_PORT}. Kept only for {@link #PORT} until the tests here use APP_PORT directly.
 */
public final class NovaMedEventsProfile {

    public static final int PORT = NextGenTenantsProfile.APP_PORT;

    private NovaMedEventsProfile() {
    }
}
