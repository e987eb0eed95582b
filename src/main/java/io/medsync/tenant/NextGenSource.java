package io.medsync.tenant;

import java.util.List;
import java.util.Optional;


/**
 * A tenant's NextGen (or other FHIR R4/DSTU2) source, resolved at start-up. {@link #toString()} never prints the
 * client secret.
 *
 * @param oauth      the OAuth client; empty in {@link Auth#NONE} mode
 * @param patientIds without per-patient consent: the patients to read (empty = every patient the server lists)
 */
public record NextGenSource(
        FhirVersion version,
        String fhirBaseUrl,
        Auth auth,
        Optional<OAuthClient> oauth,
        int maxResults,
        String medicationStatus,
        List<String> patientIds,
        String syncCron) {

    public enum Auth {
        /** Authorization code + PKCE per patient, refresh tokens in the vault. */
        PATIENT_CONSENT,
        /** One tenant-level token from the client_credentials grant. */
        CLIENT_CREDENTIALS,
        /** Unauthenticated test servers. */
        NONE
    }

    /** The FHIR base with exactly one trailing slash, so relative paths append cleanly. */
    public String base() {
        return fhirBaseUrl.endsWith("/") ? fhirBaseUrl : fhirBaseUrl + "/";
    }

    /** An OAuth client registered with the FHIR server's authorization server. */
    public record OAuthClient(String authorizeUrl, String tokenUrl, String clientId, String clientSecret,
            String redirectUri, String scope) {

        @Override
        public String toString() {
            return "OAuthClient[" + clientId + " at " + tokenUrl + "]";
        }
    }

    @Override
    public String toString() {
        return "NextGenSource[" + version + " " + fhirBaseUrl + " " + auth + "]";
    }
}
