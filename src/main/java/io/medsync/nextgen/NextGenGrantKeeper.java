package io.medsync.nextgen;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.medsync.tenant.NextGenSource;
import io.medsync.tenant.TenantRegistry;

/**
 * Keeps patients' grants alive between syncs: NextGen refuses a refresh token older than 48 hours, so any grant
 * whose refresh token nears that age is refreshed (with rotation, that restarts the clock). A grant NextGen refuses
 * goes to re-consent once; the keeper never retries it.
 */
@ApplicationScoped
public class NextGenGrantKeeper extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(NextGenGrantKeeper.class);

    private final TenantRegistry tenants;
    private final EnrolmentStore store;
    private final NextGenTokenVault vault;
    private final NextGenSettings settings;
    private final boolean enabled;

    NextGenGrantKeeper(TenantRegistry tenants, EnrolmentStore store, NextGenTokenVault vault, NextGenSettings settings,
            @ConfigProperty(name = "medsync.schedules.enabled") boolean enabled) {
        this.tenants = tenants;
        this.store = store;
        this.vault = vault;
        this.settings = settings;
        this.enabled = enabled;
    }

    @Override
    public void configure() {
        boolean anyConsent = tenants.all().stream().anyMatch(t -> t.nextGen()
                .filter(s -> s.auth() == NextGenSource.Auth.PATIENT_CONSENT).isPresent());
        if (!enabled || !anyConsent) {
            return;
        }
        // Quartz (not Camel's timer, which this application does not ship): a simple trigger every interval.
        long period = settings.grantCheckInterval().toMillis();
        from("quartz:medsync/nextgen-grant-keeper?trigger.repeatInterval=" + period + "&trigger.repeatCount=-1"
                + "&triggerStartDelay=" + period)
                .routeId("nextgen-grant-keeper")
                .process(exchange -> keepAlive());
    }

    /** Refreshes every active grant whose refresh token is older than the lifetime minus the lead time. */
    public int keepAlive() {
        Instant due = Instant.now().minus(settings.refreshTokenLifetime()).plus(settings.refreshAhead());
        int refreshed = 0;
        for (Enrolment enrolment : store.ageing(due)) {
            try {
                vault.keepAlive(tenants.get(enrolment.tenantId()), enrolment.patientId());
                refreshed++;
            } catch (NeedsReconsentException e) {
                // Reported once by the vault.
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: NextGen grant of patient %s not refreshed yet (%s); next check in %s",
                        enrolment.tenantId(), enrolment.patientId(), e.getClass().getSimpleName(),
                        settings.grantCheckInterval());
            }
        }
        return refreshed;
    }
}
