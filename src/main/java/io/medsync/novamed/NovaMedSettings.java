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

    /** NovaMed's webhooks to us (contracts README 1.8). */
    Webhook webhook();

    interface Webhook {
        /** The {@code x-api-key} NovaMed sends with every delivery; empty refuses every delivery. */
        Optional<String> secret();

        /** Our public receiver URL ({@code https://.../webhooks/novamed}); set, it is registered at start-up. */
        Optional<String> url();

        @WithDefault("/api/external/webhook")
        String path();

        /**
         * Process each event as soon as it is stored (true), or leave every event to the sweep (false): e.g. replicas
         * that only receive behind a load balancer while one processes, or a maintenance window.
         */
        @WithDefault("true")
        boolean processOnReceipt();

        /** How long after start-up the URL is registered (also read by the registration route's timer). */
        @WithDefault("2s")
        java.time.Duration registrationDelay();
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
