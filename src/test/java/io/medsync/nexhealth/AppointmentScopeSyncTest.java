package io.medsync.nexhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.MedsyncExchange;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Scope "patients with an appointment in the window": exactly those patients, with the appointment's provider.
 * The NexHealth sync route runs for demo-clinic with that scope (the scope travels with the tenant on the
 * exchange), so no boot of its own is needed; that {@code sync.scope} is read per tenant from configuration is
 * {@code tenant.TenantStartupChecksTest}'s.
 */
@QuarkusTest
class AppointmentScopeSyncTest {

    private static final String TENANT = "demo-clinic";

    @Inject
    ProducerTemplate producer;

    @Inject
    TenantRegistry tenants;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    @Test
    void onlyPatientsWithAnAppointmentInTheWindowAreSyncedEachWithTheAppointmentsProvider() {
        CleanSlate.reset(sandbox, dataSource);
        Instant from = Instant.now().minus(Duration.ofDays(7));
        Instant to = Instant.now().plus(Duration.ofDays(30));

        SyncRun run = syncAppointmentPatientsOf(tenants.get(TENANT));

        assertThat(run.errors()).isEmpty();
        Set<Long> expected = sandbox.nexHealth().appointmentIds().stream()
                .map(id -> sandbox.nexHealth().appointment(id).orElseThrow())
                .filter(a -> !a.path("unavailable").asBoolean() && !a.path("cancelled").asBoolean()
                        && !a.path("patient_id").isNull())
                .filter(a -> inWindow(a, from, to))
                .map(a -> a.path("patient_id").asLong())
                .collect(Collectors.toSet());
        assertThat(expected).as("the seed has patients with and without appointments")
                .isNotEmpty().hasSizeLessThan(sandbox.nexHealth().patientCount());
        Set<Long> inLedger = sandbox.nexHealth().patientIds().stream()
                .filter(id -> ledger.find(key(ResourceType.PATIENT, id)).isPresent())
                .collect(Collectors.toSet());
        assertThat(inLedger).isEqualTo(expected);

        int checked = 0;
        for (long patientId : expected) {
            ObjectNode patient = sandbox.nexHealth().patient(patientId).orElseThrow();
            LedgerEntry entry = ledger.find(key(ResourceType.PATIENT, patientId)).orElseThrow();
            if (entry.state() != RecordState.DELIVERED || !patient.path("provider_id").isNull()) {
                continue;
            }
            long appointmentProvider = latestAppointmentProvider(patientId, from, to);
            String practitioner = ledger.novaMedId(key(ResourceType.PROVIDER, appointmentProvider)).orElseThrow();
            assertThat(sentPractitionerOf(entry.novaMedId())).as("practitioner of patient %s", patientId)
                    .contains(practitioner);
            checked++;
        }
        assertThat(checked).as("patients without a provider of their own were checked").isPositive();
    }

    /** One NexHealth sync of {@code tenant}, as its schedule would run it, had it the appointment-patients scope. */
    private SyncRun syncAppointmentPatientsOf(Tenant t) {
        Tenant appointmentScoped = new Tenant(t.id(), t.nexHealthLocations(), t.nexHealthApiKey(), t.novaMedClinicId(),
                t.novaMedApiKey(), t.fallbackPractitionerId(), t.mappingDefaults(), t.nexHealthSyncCron(),
                Tenant.SyncScope.APPOINTMENT_PATIENTS, t.appointmentsPast(), t.appointmentsAhead(), t.nextGen(),
                t.orderDefaults());
        SyncRun run = new SyncRun();
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MedsyncExchange.RUN, run);
        exchange.setProperty(MedsyncExchange.TENANT, appointmentScoped);
        exchange.setProperty(MedsyncExchange.FULL_RESYNC, false);
        Exchange done = producer.send("direct:nexhealth-sync", exchange);
        assertThat(done.getException()).isNull();
        run.finish();
        return run;
    }

    private Optional<String> sentPractitionerOf(String novaMedPatientId) {
        return sandbox.novaMed().patients().stream()
                .filter(p -> p.id().toString().equals(novaMedPatientId))
                .map(p -> p.request().path("practitioner_id").asText())
                .findFirst();
    }

    private long latestAppointmentProvider(long patientId, Instant from, Instant to) {
        return sandbox.nexHealth().appointmentIds().stream()
                .map(id -> sandbox.nexHealth().appointment(id).orElseThrow())
                .filter(a -> a.path("patient_id").asLong() == patientId && !a.path("cancelled").asBoolean())
                .max(Comparator.comparing(a -> Instant.parse(a.path("start_time").asText())))
                .orElseThrow().path("provider_id").asLong();
    }

    private static boolean inWindow(ObjectNode appointment, Instant from, Instant to) {
        Instant start = Instant.parse(appointment.path("start_time").asText());
        return !start.isBefore(from.plus(Duration.ofMinutes(1))) && start.isBefore(to.minus(Duration.ofMinutes(1)));
    }

    private static RecordKey key(ResourceType type, long id) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, type, String.valueOf(id));
    }
}
