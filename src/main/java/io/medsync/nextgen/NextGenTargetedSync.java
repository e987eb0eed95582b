package io.medsync.nextgen;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import io.medsync.pipeline.MedsyncExchange;
import io.medsync.tenant.Tenant;

/**
 * Syncs one NextGen patient now (a Kafka sync request): the same chart pull and delivery routes as the scheduled
 * sync. A patient whose grant is gone is reported and done with; a NextGen failure is thrown, so the caller can
 * try again later instead of dropping the request.
 */
@ApplicationScoped
public class NextGenTargetedSync {

    private final ProducerTemplate producer;

    NextGenTargetedSync(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void syncPatient(Tenant tenant, String patientId) {
        syncPatient(tenant, patientId, false);
    }

    /** {@code wholeChart}: every prescription of the patient, not only those changed since the last run (a replay). */
    public void syncPatient(Tenant tenant, String patientId, boolean wholeChart) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MedsyncExchange.TENANT, tenant);
        exchange.setProperty(MedsyncExchange.FULL_RESYNC, wholeChart);
        exchange.setProperty(NextGenPullSteps.RUN_STARTED, Instant.now());
        exchange.getMessage().setBody(patientId);
        Exchange done = producer.send("direct:nextgen-sync-patient", exchange);
        if (done.getException() != null) {
            throw new NextGenException("targeted sync of NextGen patient " + patientId + " of tenant " + tenant.id()
                    + " failed (" + done.getException().getClass().getSimpleName() + ")", 0);
        }
        if (done.getProperty(NextGenPullSteps.SOURCE_FAILED, false, Boolean.class)) {
            throw new NextGenException("NextGen could not be read for patient " + patientId + " of tenant "
                    + tenant.id() + "; the request will be tried again", 0);
        }
    }
}
