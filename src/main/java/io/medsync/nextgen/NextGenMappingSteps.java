package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.medsync.mapping.MappingException;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.MedsyncExchange;

/** Route steps that apply the FHIR mappers to the record in flight (the preview endpoint uses {@link #map}). */
@ApplicationScoped
public class NextGenMappingSteps {

    private final FhirPractitionerMapper practitioners;
    private final FhirPatientMapper patients;
    private final FhirMedicationOrderMapper orders;
    private final NovaMedSettings novaMed;

    NextGenMappingSteps(FhirPractitionerMapper practitioners, FhirPatientMapper patients,
            FhirMedicationOrderMapper orders, NovaMedSettings novaMed) {
        this.practitioners = practitioners;
        this.patients = patients;
        this.orders = orders;
        this.novaMed = novaMed;
    }

    public void practitionerToNovaMed(Exchange exchange) {
        mapInPlace(exchange);
    }

    public void patientToNovaMed(Exchange exchange) {
        mapInPlace(exchange);
    }

    public void orderToNovaMed(Exchange exchange) {
        mapInPlace(exchange);
    }

    /** The NovaMed command of a NextGen record, before its parties are resolved. @throws MappingException */
    public Object map(Delivery delivery) {
        Object source = delivery.source();
        if (source instanceof FhirPractitioner practitioner) {
            return practitioners.toNovaMed(practitioner, delivery.tenant().mappingDefaults());
        }
        if (source instanceof FhirPatient patient) {
            return patients.toNovaMed(patient, delivery.tenant().mappingDefaults());
        }
        if (source instanceof FhirMedicationOrder order) {
            return orders.map(order, delivery.tenant().orderDefaults().orElseThrow(() -> new MappingException(
                    "the tenant has no medication-order defaults (carrier-id, service-id)")),
                    novaMed.medicationOrder().shape());
        }
        throw new IllegalStateException("no FHIR mapper for " + delivery.key());
    }

    private void mapInPlace(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        exchange.getMessage().setBody(delivery.withCommand(map(delivery)));
    }
}
