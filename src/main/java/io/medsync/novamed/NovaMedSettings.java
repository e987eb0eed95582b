package io.medsync.novamed;

import java.util.Optional;

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

    @WithDefault("/api/external/refill-request")
    String refillPath();

    /** Body shape and path of medication orders; NovaMed's docs show two. */
    MedicationOrder medicationOrder();

    interface MedicationOrder {
        /** {@code current} (shape B, {@code medication_requests[]}) or {@code legacy} (shape A, flat). */
        @WithDefault("current")
        MedicationOrderShape shape();

        /** Unset: the path NovaMed documents for the shape. */
        Optional<String> path();

        default String effectivePath() {
            return path().orElse(shape().documentedPath());
        }
    }

    /** After an ambiguous create: resend ({@code safe}) or hold for an operator ({@code in-doubt}). */
    Resend resend();

    interface Resend {
        @WithDefault("safe")
        ResendPolicy practitioner();

        @WithDefault("safe")
        ResendPolicy patient();

        /** NovaMed refuses a second refill of one order ("Refill request already exists"): a resend is safe. */
        @WithDefault("safe")
        ResendPolicy refill();

        /** Nothing dedupes orders at NovaMed: a resend could ship a prescription twice. */
        @WithDefault("in-doubt")
        ResendPolicy medicationOrder();

        /** The policy for the NovaMed create a source resource becomes; appointments are never sent. */
        default ResendPolicy forSource(io.medsync.ledger.ResourceType type) {
            return switch (type) {
                case PROVIDER -> practitioner();
                case PATIENT -> patient();
                case MEDICATION_ORDER -> medicationOrder();
                case REFILL -> refill();
                case APPOINTMENT, REQUEST -> ResendPolicy.SAFE;
            };
        }
    }
}
