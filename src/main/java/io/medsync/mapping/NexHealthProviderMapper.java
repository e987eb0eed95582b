package io.medsync.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.novamed.NovaMedPractitioner;

@ApplicationScoped
public class NexHealthProviderMapper {
    public NovaMedPractitioner map(NexHealthProvider p, MappingDefaults d) {
        if (p.npi() == null) throw new MappingException("provider npi is missing");
        var a = d.practiceAddress();
        return new NovaMedPractitioner(p.firstName(), p.lastName(), p.email() == null ? "x@example.com" : p.email(), p.npi(), d.veterinarian(), d.clinicId(), null,
                a == null ? "1 Main St" : a.line1(), null, a == null ? "Austin" : a.city(), a == null ? "TX" : a.stateCode(), a == null ? "78701" : a.zipCode());
    }
}
