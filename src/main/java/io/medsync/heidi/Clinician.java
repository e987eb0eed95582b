package io.medsync.heidi;

import java.util.Locale;

/**
 * The EHR user a Heidi token is minted for. Heidi maps API key + (email, EHR user id) to one "Heidi API user", so all
 * three identify a cached token. {@link #toString()} leaves the email out (it must not reach a log).
 */
public record Clinician(String email, String ehrUserId, String region) {

    public Clinician {
        region = region.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Clinician[region=" + region + ", ehrUserId=" + ehrUserId + "]";
    }
}
