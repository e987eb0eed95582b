package io.medsync.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Reads and checks {@code Authorization: Bearer <token>} for our own endpoints. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /** True when the request presents {@code expected} as its bearer token; an absent one never matches. */
    public static boolean presents(ContainerRequestContext request, Optional<String> expected) {
        if (expected.isEmpty()) {
            return false;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
        // Constant-time: the comparison must not tell an attacker how much of the token was right.
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.get().getBytes(StandardCharsets.UTF_8));
    }
}
