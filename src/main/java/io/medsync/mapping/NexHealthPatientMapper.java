package io.medsync.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.novamed.NovaMedPatient;

@ApplicationScoped
public class NexHealthPatientMapper {
    public NovaMedPatient map(NexHealthPatient p, MappingDefaults d) {
        if (p.bio() == null || p.bio().dateOfBirth() == null) throw new MappingException("patient bio.date_of_birth is missing");
        return new NovaMedPatient(p.firstName(), null, p.lastName(), "unknown", p.bio().dateOfBirth(), d.species(), "active", null, d.clinicId(), null,
                List.of(new NovaMedPatient.Address(p.bio().addressLine1(), null, p.bio().city(), p.bio().state(), p.bio().zipCode())));
    }
}
