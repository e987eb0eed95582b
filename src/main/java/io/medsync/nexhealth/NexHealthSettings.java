package io.medsync.nexhealth;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** NexHealth Synchronizer API settings shared by all tenants ({@code medsync.nexhealth.*}). */
@ConfigMapping(prefix = "medsync.nexhealth")
public interface NexHealthSettings {

    @WithDefault("https://nexhealth.info")
    @Pattern(regexp = "https?://[^\\s/]+(:\\d+)?(/\\S*)?", message = "must be an http(s) URL")
    String baseUrl();

    /** Sent as {@code Nex-Api-Version}; v20240412 is v3.0.0, the version whose cursor paging we implement. */
    @WithDefault("v20240412")
    String apiVersion();

    /** Always sent, since the documented default (5) and the guide (1000) disagree. */
    @WithDefault("1000")
    @Min(1)
    @Max(1000)
    int perPage();

    /** Token lifetime: 1 h in production, 24 h in NexHealth's sandbox. */
    @WithDefault("PT1H")
    Duration tokenTtl();

    @WithDefault("PT5M")
    Duration tokenRefreshMargin();

    /** The next run's updated_since is this run's start minus this overlap, covering clock skew. */
    @WithDefault("PT5M")
    Duration watermarkOverlap();

    Webhook webhook();

    /**
     * Client-side pace per NexHealth API key, shared by replicas like the NovaMed budget. NexHealth allows 1,000/min
     * on patients and appointments (2,000 on others); 0 switches it off. A 429 is still handled by the retry policy.
     */
    @WithDefault("900")
    int requestsPerMinute();

    /** Incoming NexHealth webhooks ({@code POST /webhooks/nexhealth}). */
    interface Webhook {
        /** The webhook endpoint's {@code secret_key}; empty disables the receiver (every delivery gets 401). */
        java.util.Optional<String> secret();

        /**
         * What is signed, since the contract is only secondary: {@code {timestamp}}, {@code {body}} and
         * {@code {base64body}} are replaced by the header's timestamp and the raw body (as is, or base64).
         */
        @WithDefault("{timestamp}.{base64body}")
        String signingString();

        @WithDefault("signature")
        String signatureHeader();

        @WithDefault("timestamp")
        String timestampHeader();

        /** Deliveries whose timestamp is further than this from our clock are refused (replay protection). */
        @WithDefault("PT5M")
        Duration timestampTolerance();
    }
}
