package io.medsync.novamed.events;

import io.medsync.nextgen.NextGenTenantsProfile;

/** The NextGen consent tenants (real orders come from a real sync), with the app on a port of its own. */
public class NovaMedEventsProfile extends NextGenTenantsProfile {

    public static final int PORT = 28596;

    @Override
    protected int appPort() {
        return PORT;
    }
}
