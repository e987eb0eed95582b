package io.medsync.nextgen;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.Redelivery;
import io.medsync.pipeline.SourceReread;
import io.medsync.tenant.Tenant;

/**
 * A replayed NextGen record is read from the FHIR server again. A patient or prescription comes with its whole chart
 * (the practitioner of record is taken from the prescriptions, a prescription needs its Medication), read as the
 * targeted sync does; a practitioner is read alone, with the token of a patient waiting for it when the tenant reads
 * with patient consent.
 */
@ApplicationScoped
class NextGenReread implements SourceReread {

    private final NextGenTargetedSync charts;
    private final NextGenFhirClient fhir;
    private final Redelivery redelivery;
    private final Ledger ledger;
    private final EnrolmentStore enrolments;

    NextGenReread(NextGenTargetedSync charts, NextGenFhirClient fhir, Redelivery redelivery, Ledger ledger,
            EnrolmentStore enrolments) {
        this.enrolments = enrolments;
        this.charts = charts;
        this.fhir = fhir;
        this.redelivery = redelivery;
        this.ledger = ledger;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXTGEN;
    }

    @Override
    public Optional<String> reread(Tenant tenant, RecordKey key, Object stored, Long replayOf) {
        if (tenant.nextGen().isEmpty()) {
            return Optional.of("the tenant no longer reads NextGen");
        }
        return switch (key.resourceType()) {
            case PROVIDER -> practitioner(tenant, key, replayOf);
            case PATIENT -> chart(tenant, key.sourceId());
            case MEDICATION_ORDER -> stored instanceof FhirMedicationOrder order && order.patientId() != null
                    ? chart(tenant, order.patientId())
                    : Optional.of("the stored prescription names no patient whose chart to read");
            default -> Optional.of("NextGen " + key.resourceType().label() + " records are not read again");
        };
    }

    private Optional<String> chart(Tenant tenant, String patientId) {
        charts.syncPatient(tenant, patientId, true);
        return Optional.empty();
    }

    private Optional<String> practitioner(Tenant tenant, RecordKey key, Long replayOf) {
        // Whose token reads it, in patient-consent mode: a patient parked on it, else any enrolled patient (ignored
        // in the other modes).
        String patientId = ledger.parkedOn(key).stream().map(LedgerEntry::key)
                .filter(k -> k.resourceType() == ResourceType.PATIENT).map(RecordKey::sourceId).findFirst()
                .orElseGet(() -> enrolments.list(tenant.id(), EnrolmentState.ACTIVE).stream()
                        .map(Enrolment::patientId).findFirst().orElse(null));
        Optional<Object> read = fhir.read(tenant, patientId, "Practitioner/" + key.sourceId())
                .map(FhirReader.of(tenant.nextGen().orElseThrow().version())::resource);
        if (read.isEmpty()) {
            return Optional.of("NextGen no longer has it");
        }
        if (!(read.get() instanceof FhirPractitioner practitioner)) {
            return Optional.of("NextGen answered Practitioner/" + key.sourceId() + " with another resource type");
        }
        redelivery.send(Delivery.of(tenant, key, ContentHash.of(practitioner), practitioner), replayOf);
        return Optional.empty();
    }
}
