package io.medsync.sandbox.nextgen;

import java.util.function.Function;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One FHIR version's resource classes and renderers, so that one set of resource providers serves R4 and DSTU2.
 * The medication order is a MedicationRequest in R4 and a MedicationOrder in DSTU2.
 */
record FhirRendering(
        Class<? extends IBaseResource> patientType, Function<Chart.Patient, IBaseResource> patient,
        Class<? extends IBaseResource> orderType, Function<Chart.Order, IBaseResource> order,
        Class<? extends IBaseResource> practitionerType, Function<Chart.Practitioner, IBaseResource> practitioner,
        Class<? extends IBaseResource> medicationType, Function<Chart.Medication, IBaseResource> medication) {

    static final FhirRendering R4 = new FhirRendering(
            org.hl7.fhir.r4.model.Patient.class, R4ChartRenderer::patient,
            org.hl7.fhir.r4.model.MedicationRequest.class, R4ChartRenderer::medicationRequest,
            org.hl7.fhir.r4.model.Practitioner.class, R4ChartRenderer::practitioner,
            org.hl7.fhir.r4.model.Medication.class, R4ChartRenderer::medication);

    static final FhirRendering DSTU2 = new FhirRendering(
            ca.uhn.fhir.model.dstu2.resource.Patient.class, Dstu2ChartRenderer::patient,
            ca.uhn.fhir.model.dstu2.resource.MedicationOrder.class, Dstu2ChartRenderer::medicationOrder,
            ca.uhn.fhir.model.dstu2.resource.Practitioner.class, Dstu2ChartRenderer::practitioner,
            ca.uhn.fhir.model.dstu2.resource.Medication.class, Dstu2ChartRenderer::medication);
}
