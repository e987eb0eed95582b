package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The preview promises the exact payloads the sync sends: after a real sync, previewing each delivered NexHealth
 * provider and patient (as NexHealth serves it) answers exactly the bodies NovaMed received, and calls nothing.
 */
@QuarkusTest
class NexHealthPreviewEqualsSyncTest {

    private static final String TENANT = "demo-clinic";

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    @Test
    void previewOfEveryDeliveredProviderAndPatientEqualsWhatNovaMedReceived() {
        CleanSlate.reset(sandbox, dataSource);
        runner.runScheduled(TENANT, "nexhealth");
        Set<PreviewRequests.Request> sent = PreviewRequests.accepted(sandbox.novaMed().recordedRequests());
        int novaMedCalls = sandbox.novaMed().recordedRequests().size();

        Set<PreviewRequests.Request> previewed = new HashSet<>();
        int providers = 0;
        for (long id : sandbox.nexHealth().providerIds()) {
            if (delivered(ResourceType.PROVIDER, id)) {
                providers++;
                previewed.addAll(PreviewRequests.payloads(PreviewRequests.preview(TENANT, "nexhealth", "provider",
                        sandbox.nexHealth().provider(id).orElseThrow())));
            }
        }
        int patients = 0;
        for (long id : sandbox.nexHealth().patientIds()) {
            if (delivered(ResourceType.PATIENT, id)) {
                patients++;
                previewed.addAll(PreviewRequests.payloads(PreviewRequests.preview(TENANT, "nexhealth", "patient",
                        sandbox.nexHealth().patient(id).orElseThrow())));
            }
        }

        assertThat(providers).isPositive();
        assertThat(patients).isPositive();
        assertThat(previewed).hasSize(providers + patients).isEqualTo(sent);
        assertThat(sandbox.novaMed().recordedRequests()).as("the preview calls NovaMed never").hasSize(novaMedCalls);
    }

    private boolean delivered(ResourceType type, long id) {
        return ledger.find(new RecordKey(TENANT, SourceSystem.NEXHEALTH, type, String.valueOf(id)))
                .map(LedgerEntry::state).filter(RecordState.DELIVERED::equals).isPresent();
    }
}
