package io.medsync.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.jboss.logging.Logger;

/**
 * For housekeeping routes that run on every replica (webhook sweeps, the consent sweep): while the ledger database
 * is down a run is skipped with one line and no stack trace; the next run finds the work where it was. Routes opt in
 * with {@code .routeConfigurationId(SkipWhileStoreDown.ID)}.
 */
@ApplicationScoped
public class SkipWhileStoreDown extends RouteConfigurationBuilder {

    public static final String ID = "skip-while-store-down";

    private static final Logger LOG = Logger.getLogger(SkipWhileStoreDown.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(LedgerException.class)
                    .onWhen(SkipWhileStoreDown::storeDown)
                    .handled(true)
                    .logHandled(false)
                    .process(exchange -> LOG.warnf("%s skipped: ledger database unavailable (%s)",
                            exchange.getFromRouteId(), LedgerException.storeOutage(failure(exchange)).orElse("?")));
    }

    private static boolean storeDown(Exchange exchange) {
        return LedgerException.storeOutage(failure(exchange)).isPresent();
    }

    private static Throwable failure(Exchange exchange) {
        Throwable caught = exchange.getException();
        return caught != null ? caught : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
