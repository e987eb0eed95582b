package io.medsync.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;

import io.medsync.pipeline.PartnerCircuits;
import io.medsync.sandbox.SandboxLauncher;

/**
 * Test classes share one application (and its in-memory ledger) per profile: this puts the ledger and the
 * sandboxes back to their freshly seeded state so a test does not depend on which ran before it.
 */
public final class CleanSlate {

    private CleanSlate() {
    }

    public static void reset(SandboxLauncher sandbox, DataSource ledger) {
        try (Connection c = ledger.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from dead_letter");
            s.executeUpdate("delete from ledger_record");
            s.executeUpdate("delete from rate_bucket");
            s.executeUpdate("delete from appointment_event");
            s.executeUpdate("delete from webhook_inbox");
            s.executeUpdate("delete from sync_cursor");
            s.executeUpdate("delete from nextgen_enrolment");
            s.executeUpdate("delete from nextgen_pending_consent");
            s.executeUpdate("delete from heidi_patient_profile");
            s.executeUpdate("delete from kafka_outbox");
            s.executeUpdate("delete from novamed_event");
            s.executeUpdate("delete from novamed_order_party");
            s.executeUpdate("delete from novamed_webhook");
            s.executeUpdate("delete from ops_audit");
            s.executeUpdate("delete from sync_run");
            s.executeUpdate("delete from dry_run_report");
            s.executeUpdate("delete from tenant_pause");
            s.executeUpdate("delete from practitioner_npi");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the ledger", e);
        }
        sandbox.stop();
        sandbox.start(sandbox.settings());
        // A partner outage one test staged must not hold back the next test's records.
        if (io.quarkus.arc.Arc.container() != null) {
            io.quarkus.arc.Arc.container().instance(PartnerCircuits.class).get().closeAll();
            closePooledPartnerConnections(io.quarkus.arc.Arc.container().instance(CamelContext.class).get());
        }
    }

    /**
     * The sandboxes just restarted, so every pooled connection to them is dead. The pool checks a connection idle for
     * 100 ms before reusing it; a test starting sooner would send its first call on a dead one (answer lost).
     */
    private static void closePooledPartnerConnections(CamelContext camel) {
        if (camel == null) {
            return;
        }
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http
                    && http.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
                pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
        }
    }
}
