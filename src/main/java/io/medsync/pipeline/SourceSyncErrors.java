package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteConfigurationBuilder;

import io.medsync.ledger.LedgerException;

/**
 * The error policy of the source pull routes (cursors, ledger pages, appointment events): the ledger database going
 * away stops the tenant's sync at once, reported in the run ({@link StoreOutages}), instead of an error handler's
 * stack trace per route it passes through. Any other failure propagates as before (the run reports the pull
 * aborted).
 */
@ApplicationScoped
public class SourceSyncErrors extends RouteConfigurationBuilder {

    /** The {@code routeConfigurationId} of every route of a source's sync. */
    public static final String ID = "source-sync-errors";

    private final StoreOutages store;

    SourceSyncErrors(StoreOutages store) {
        this.store = store;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(LedgerException.class)
                    .onWhen(StoreOutages::caused)
                    .handled(true)
                    .process(store::stopSync)
                    .stop();
    }
}
