package io.medsync.heidi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Heidi token broker for EHR front ends ({@link HeidiAuthFilter} guards it): the front end never holds a Heidi
 * API key, it asks here for a clinician's short-lived widget token, or for a session prepared on an appointment.
 */
@Path("/heidi")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class HeidiResource {

    private final HeidiTokenBroker broker;
    private final HeidiSessionPreparation sessions;
    private final ObjectMapper json;

    HeidiResource(HeidiTokenBroker broker, HeidiSessionPreparation sessions, ObjectMapper json) {
        this.broker = broker;
        this.sessions = sessions;
        this.json = json;
    }

    /** {@code {email, ehr_user_id, region}} → {@code {token, expiration_time}}. */
    @POST
    @Path("/token")
    public ClinicianToken token(String body) {
        return broker.token(HeidiRequests.clinician(HeidiRequests.body(json, body), ""));
    }

    /**
     * {@code {tenant, appointment_id, clinician: {email, ehr_user_id, region}}} →
     * {@code {session_id, patient_profile_id, ehr_appointment_id, ehr_patient_id, token, expiration_time}}.
     */
    @POST
    @Path("/sessions")
    public PreparedSession prepareSession(String body) {
        JsonNode request = HeidiRequests.body(json, body);
        String tenant = HeidiRequests.tenant(request);
        long appointmentId = HeidiRequests.appointmentId(request);
        Clinician clinician = HeidiRequests.clinician(request.path("clinician"), "clinician.");
        return sessions.prepare(tenant, appointmentId, clinician);
    }
}
