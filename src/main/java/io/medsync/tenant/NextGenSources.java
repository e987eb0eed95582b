package io.medsync.tenant;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Resolves a tenant's {@code nextgen.*} section; each mode names what it still needs. */
final class NextGenSources {

    static final String PATIENT_SCOPE = "openid fhirUser offline_access launch/patient patient/*.read";
    static final String SYSTEM_SCOPE = "system/*.read";

    private NextGenSources() {
    }

    static NextGenSource resolve(String prefix, TenantsConfig.NextGen n, String cron, UnaryOperator<String> secret) {
        NextGenSource.Auth auth = switch (n.auth()) {
            case "client-credentials" -> NextGenSource.Auth.CLIENT_CREDENTIALS;
            case "none" -> NextGenSource.Auth.NONE;
            default -> NextGenSource.Auth.PATIENT_CONSENT;
        };
        Optional<NextGenSource.OAuthClient> oauth = Optional.empty();
        if (auth != NextGenSource.Auth.NONE) {
            String tokenUrl = required(prefix + ".token-url", n.tokenUrl());
            String clientId = required(prefix + ".client-id", n.clientId());
            String clientSecret = secret.apply(required(prefix + ".client-secret-ref", n.clientSecretRef()));
            boolean consent = auth == NextGenSource.Auth.PATIENT_CONSENT;
            String authorizeUrl = consent ? required(prefix + ".authorize-url", n.authorizeUrl()) : null;
            String redirectUri = consent ? required(prefix + ".redirect-uri", n.redirectUri()) : null;
            String scope = n.scope().orElse(consent ? PATIENT_SCOPE : SYSTEM_SCOPE);
            oauth = Optional.of(new NextGenSource.OAuthClient(authorizeUrl, tokenUrl, clientId, clientSecret,
                    redirectUri, scope));
        }
        List<String> patientIds = n.patientIds().orElse(List.of());
        if (auth == NextGenSource.Auth.PATIENT_CONSENT && !patientIds.isEmpty()) {
            throw new ConfigurationException(prefix + ".patient-ids: only for client-credentials or none; with"
                    + " patient-consent the enrolled patients are read");
        }
        return new NextGenSource("dstu2".equals(n.fhirVersion()) ? FhirVersion.DSTU2 : FhirVersion.R4,
                n.fhirBaseUrl(), auth, oauth, n.maxResults(), n.medicationStatus(), patientIds, cron);
    }

    private static String required(String property, Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new ConfigurationException(property
                + " is required for this NextGen auth mode"));
    }
}
