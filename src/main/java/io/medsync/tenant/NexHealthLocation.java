package io.medsync.tenant;

/**
 * One NexHealth location a tenant pulls from, in its institution ({@code subdomain}). NexHealth ids are global, so
 * records keep their plain ids; cursors are kept per location ({@link #scope()}).
 */
public record NexHealthLocation(String alias, String subdomain, long locationId) {

    public String scope() {
        return "location:" + subdomain + ":" + locationId;
    }
}
