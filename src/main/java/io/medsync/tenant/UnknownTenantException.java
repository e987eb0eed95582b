package io.medsync.tenant;

public class UnknownTenantException extends RuntimeException {

    public UnknownTenantException(String tenantId) {
        super("unknown tenant '" + tenantId + "': no medsync.tenants." + tenantId + ".* configuration");
    }
}
