package io.medsync.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A new version of a NexHealth appointment, on the appointment-events topic: ids and times only. */
@RegisterForReflection
public record AppointmentChangedEvent(int version, String type, String tenant, String subdomain, long locationId,
        long appointmentId, Long patientId, Long providerId, String startTime, String endTime, String status,
        String sourceUpdatedAt, String at) {

    public static final String TYPE = "appointment";
}
