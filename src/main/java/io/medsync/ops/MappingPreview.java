package io.medsync.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.mapping.MappingException;
import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.nexhealth.NexHealthPatientMapper;
import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.nexhealth.NexHealthProviderMapper;
import io.medsync.nextgen.FhirFormatException;
import io.medsync.nextgen.FhirMedicationEntry;
import io.medsync.nextgen.FhirMedicationOrder;
import io.medsync.nextgen.FhirPage;
import io.medsync.nextgen.FhirPatient;
import io.medsync.nextgen.FhirPractitioner;
import io.medsync.nextgen.FhirReader;
import io.medsync.nextgen.NextGenChart;
import io.medsync.nextgen.NextGenMappingSteps;
import io.medsync.nextgen.NextGenPartyResolver;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.PractitionerResolver;
import io.medsync.pipeline.UnresolvedDependencyException;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Runs a source document through the same mappers and crosswalk lookups as the sync, without touching the ledger,
 * NovaMed or the source: users check their mappings before go-live. A FHIR Bundle is taken in the sync's order
 * (practitioners, patients, prescriptions), with referenced Medications resolved from the Bundle itself.
 */
@ApplicationScoped
public class MappingPreview {

    private final TenantRegistry tenants;
    private final ObjectMapper json;
    private final Ledger ledger;
    private final NovaMedSettings novaMed;
    private final NexHealthProviderMapper providerMapper;
    private final NexHealthPatientMapper patientMapper;
    private final PractitionerResolver nexHealthPractitioners;
    private final NextGenMappingSteps nextGenMapping;
    private final NextGenPartyResolver nextGenParties;

    MappingPreview(TenantRegistry tenants, ObjectMapper json, Ledger ledger, NovaMedSettings novaMed,
            NexHealthProviderMapper providerMapper, NexHealthPatientMapper patientMapper,
            PractitionerResolver nexHealthPractitioners, NextGenMappingSteps nextGenMapping,
            NextGenPartyResolver nextGenParties) {
        this.tenants = tenants;
        this.json = json;
        this.ledger = ledger;
        this.novaMed = novaMed;
        this.providerMapper = providerMapper;
        this.patientMapper = patientMapper;
        this.nexHealthPractitioners = nexHealthPractitioners;
        this.nextGenMapping = nextGenMapping;
        this.nextGenParties = nextGenParties;
    }

    /** @throws IllegalArgumentException for a request that names no document, source or resource */
    public PreviewResult preview(PreviewRequest request) {
        if (request.tenant() == null || request.document() == null || request.document().isNull()) {
            throw new IllegalArgumentException("tenant and document are required");
        }
        Tenant tenant = tenants.get(request.tenant());
        List<PreviewResult.Payload> payloads = new ArrayList<>();
        List<PreviewResult.Problem> problems = new ArrayList<>();
        if ("nexhealth".equals(request.source())) {
            previewNexHealth(tenant, request, payloads, problems);
        } else if ("fhir".equals(request.source())) {
            previewFhir(tenant, request, payloads, problems);
        } else {
            throw new IllegalArgumentException("source must be nexhealth or fhir");
        }
        return new PreviewResult(payloads, problems);
    }

    private void previewNexHealth(Tenant tenant, PreviewRequest request, List<PreviewResult.Payload> payloads,
            List<PreviewResult.Problem> problems) {
        String resource = request.resource() == null ? "" : request.resource();
        String id = request.document().path("id").asText("unknown");
        switch (resource) {
            case "provider" -> {
                RecordKey key = key(tenant, SourceSystem.NEXHEALTH, ResourceType.PROVIDER, id);
                NexHealthProvider provider = read(request, NexHealthProvider.class, key, problems);
                if (provider != null) {
                    attempt(key, payloads, problems, novaMed.practitionerPath(),
                            () -> providerMapper.map(provider, tenant.mappingDefaults()), d -> d);
                }
            }
            case "patient" -> {
                RecordKey key = key(tenant, SourceSystem.NEXHEALTH, ResourceType.PATIENT, id);
                NexHealthPatient patient = read(request, NexHealthPatient.class, key, problems);
                if (patient != null) {
                    attempt(key, payloads, problems, novaMed.patientPath(),
                            () -> patientMapper.map(patient, tenant.mappingDefaults()),
                            command -> nexHealthPractitioners.withPractitioner(
                                    Delivery.of(tenant, key, ContentHash.of(patient), patient).withCommand(command))
                                    .command());
                }
            }
            case "appointment" -> problems.add(new PreviewResult.Problem(
                    key(tenant, SourceSystem.NEXHEALTH, ResourceType.APPOINTMENT, id).toString(),
                    "appointments are recorded as events (and name a patient's practitioner); nothing is sent to NovaMed"));
            default -> throw new IllegalArgumentException("resource must be patient, provider or appointment");
        }
    }

    private void previewFhir(Tenant tenant, PreviewRequest request, List<PreviewResult.Payload> payloads,
            List<PreviewResult.Problem> problems) {
        FhirVersion version = request.fhirVersion() != null
                ? ("dstu2".equalsIgnoreCase(request.fhirVersion()) ? FhirVersion.DSTU2 : FhirVersion.R4)
                : tenant.nextGen().map(n -> n.version()).orElse(FhirVersion.R4);
        FhirReader reader = FhirReader.of(version);
        String document = request.document().toString();
        List<Object> records = new ArrayList<>();
        try {
            if ("Bundle".equals(request.document().path("resourceType").asText())) {
                FhirPage page = reader.searchPage(document);
                records.addAll(page.records());
                page.malformed().forEach(m -> problems.add(new PreviewResult.Problem(
                        m.resourceType() + "/" + m.sourceId(), m.reason())));
            } else {
                records.add(reader.resource(document));
            }
        } catch (FhirFormatException e) {
            throw new IllegalArgumentException("the document is not a readable FHIR " + version + " resource: "
                    + e.getMessage());
        }
        Map<String, io.medsync.nextgen.FhirMedication> medications = new HashMap<>();
        List<FhirMedicationOrder> orders = new ArrayList<>();
        records.forEach(r -> {
            if (r instanceof FhirMedicationEntry m) {
                medications.put(m.reference(), m.medication());
            }
        });
        records.forEach(r -> {
            if (r instanceof FhirMedicationOrder o) {
                orders.add(o.medication() == null && medications.containsKey(o.medicationReference())
                        ? o.withMedication(medications.get(o.medicationReference())) : o);
            }
        });
        for (Object r : records) {
            if (r instanceof FhirPractitioner p) {
                fhirRecord(tenant, ResourceType.PROVIDER, p.id(), p, novaMed.practitionerPath(), payloads, problems);
            }
        }
        for (Object r : records) {
            if (r instanceof FhirPatient p) {
                FhirPatient delivered = NextGenChart.withPractitionerOfRecord(p,
                        orders.stream().filter(o -> p.id().equals(o.patientId())).toList());
                fhirRecord(tenant, ResourceType.PATIENT, p.id(), delivered, novaMed.patientPath(), payloads, problems);
            }
        }
        for (FhirMedicationOrder o : orders) {
            fhirRecord(tenant, ResourceType.MEDICATION_ORDER, o.id(), o, novaMed.medicationOrder().effectivePath(),
                    payloads, problems);
        }
    }

    private void fhirRecord(Tenant tenant, ResourceType type, String id, Object source, String path,
            List<PreviewResult.Payload> payloads, List<PreviewResult.Problem> problems) {
        RecordKey key = key(tenant, SourceSystem.NEXTGEN, type, id);
        Delivery delivery = Delivery.of(tenant, key, ContentHash.of(source), source);
        attempt(key, payloads, problems, path, () -> nextGenMapping.map(delivery), command -> switch (type) {
            case PATIENT -> nextGenParties.withPractitioner(delivery.withCommand(command)).command();
            case MEDICATION_ORDER -> nextGenParties.withParties(delivery.withCommand(command)).command();
            default -> command;
        });
    }

    /** Maps, then resolves parties; a party not in NovaMed yet leaves its id null and is named in waiting_for. */
    private void attempt(RecordKey key, List<PreviewResult.Payload> payloads, List<PreviewResult.Problem> problems,
            String path, java.util.function.Supplier<Object> map, UnaryOperator<Object> resolve) {
        Object command;
        try {
            command = map.get();
        } catch (MappingException e) {
            problems.add(new PreviewResult.Problem(key.toString(), "mapping: " + e.reason()));
            return;
        }
        List<String> waitingFor = new ArrayList<>();
        try {
            command = resolve.apply(command);
        } catch (UnresolvedDependencyException e) {
            if (e.dependency() == null) {
                problems.add(new PreviewResult.Problem(key.toString(), e.getMessage()));
                return;
            }
            // The sync parks the record on the first party it misses; the preview names that one.
            waitingFor.add(e.dependency().toString());
        }
        String state = ledger.find(key).map(e -> e.state().name()).orElse("NEW");
        payloads.add(new PreviewResult.Payload(key.toString(), "POST", path, command, state, waitingFor));
    }

    private <T> T read(PreviewRequest request, Class<T> type, RecordKey key, List<PreviewResult.Problem> problems) {
        try {
            return json.treeToValue(request.document(), type);
        } catch (JsonProcessingException e) {
            problems.add(new PreviewResult.Problem(key.toString(), "the document does not match NexHealth's "
                    + type.getSimpleName().replace("NexHealth", "").toLowerCase() + " contract"));
            return null;
        }
    }

    private static RecordKey key(Tenant tenant, SourceSystem system, ResourceType type, String id) {
        return new RecordKey(tenant.id(), system, type, id);
    }
}
