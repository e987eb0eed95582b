package io.medsync.sandbox.nextgen;

import java.util.function.Supplier;

import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;

/**
 * Adds SMART's {@code rest.security} (service SMART-on-FHIR + the oauth-uris extension) to the R4
 * CapabilityStatement HAPI generates, as NextGen's own {@code metadata} carries it.
 */
final class SmartSecurityInterceptor {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final Supplier<String> baseUrl;

    SmartSecurityInterceptor(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSecurity(IBaseConformance conformance) {
        if (!(conformance instanceof CapabilityStatement cs)) {
            return;
        }
        String oauth = baseUrl.get() + NextGenSandbox.OAUTH_PATH;
        cs.setPublisher("NextGen Healthcare (medsync sandbox)");
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                    "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", null)));
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            uris.addExtension("authorize", new UriType(oauth + "/authorize"));
            uris.addExtension("token", new UriType(oauth + "/token"));
            uris.addExtension("revoke", new UriType(oauth + "/token/revoke"));
        }
    }
}
