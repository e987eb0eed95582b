package io.medsync.nexhealth;

import java.util.List;

/** A patient fetched by id, with the NexHealth locations it belongs to (for picking the tenant's location). */
public record NexHealthPatientDetail(NexHealthPatient patient, List<Long> locationIds) {
}
