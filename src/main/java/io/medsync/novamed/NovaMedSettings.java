package io.medsync.novamed;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** NovaMed Partner API settings shared by all tenants ({@code medsync.novamed.*}). */
@ConfigMapping(prefix = "medsync.novamed")
public interface NovaMedSettings {

    @WithDefault("https://novamed-feapidev.nimbushealthcaretest.com")
    @Pattern(regexp = "https?://[^\\s/]+(:\\d+)?(/\\S*)?", message = "must be an http(s) URL")
    String baseUrl();

    @WithDefault("/api/external/practitioner")
    String practitionerPath();

    @WithDefault("/api/external/patient")
    String patientPath();

    /** After an ambiguous create: resend ({@code safe}) or hold for an operator ({@code in-doubt}). */
    Resend resend();

    interface Resend {
        @WithDefault("safe")
        ResendPolicy practitioner();

        @WithDefault("safe")
        ResendPolicy patient();

        /** The policy for the NovaMed create a source resource becomes; appointments are never sent. */
        default ResendPolicy forSource(io.medsync.ledger.ResourceType type) {
            return switch (type) {
                case PROVIDER -> practitioner();
                case PATIENT -> patient();
                case APPOINTMENT, REQUEST -> ResendPolicy.SAFE;
            };
        }
    }
}
