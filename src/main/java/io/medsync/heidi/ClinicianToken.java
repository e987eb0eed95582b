package io.medsync.heidi;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /heidi/token}'s answer: the widget JWT and when Heidi says it expires (written as Heidi writes it). */
@RegisterForReflection
public record ClinicianToken(
        String token,
        @JsonProperty("expiration_time")
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", timezone = "UTC")
        Instant expirationTime) {

    @Override
    public String toString() {
        return "ClinicianToken[expirationTime=" + expirationTime + "]";
    }
}
