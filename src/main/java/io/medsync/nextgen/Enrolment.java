package io.medsync.nextgen;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A patient's NextGen enrolment as the ops API shows it: ids, state and times, never tokens. */
@RegisterForReflection
public record Enrolment(long id, String tenantId, String patientId, EnrolmentState state, String stateReason,
        Instant accessExpiresAt, Instant refreshIssuedAt, Instant enrolledAt, Instant updatedAt) {
}
