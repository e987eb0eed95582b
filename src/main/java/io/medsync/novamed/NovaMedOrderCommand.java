package io.medsync.novamed;

/**
 * A NovaMed medication order in either body shape ({@code medsync.novamed.medication-order.shape}). The mapper
 * leaves the NovaMed patient and practitioner ids null; dependency resolution fills them with {@link #withParties}.
 */
public sealed interface NovaMedOrderCommand permits NovaMedMedicationOrder, NovaMedLegacyMedicationRequest {

    String patientId();

    String practitionerId();

    NovaMedOrderCommand withParties(String patientId, String practitionerId);
}
