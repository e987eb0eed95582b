package io.medsync.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * What our bearer-token filters share: on the paths it guards, a request passes only with
 * {@code Authorization: Bearer <one of the tokens>}; anything else is a 401 with a JSON body. With no token
 * configured the guarded endpoints are off, and the 401 says which setting turns them on.
 */
public final class BearerTokenGate {

    private final Predicate<String> guardedPath;
    private final String disabledMessage;
    private final List<Optional<String>> tokens;

    /**
     * @param guardedPath     which request paths (as {@code UriInfo.getPath()}) need a token
     * @param disabledMessage the 401 message while no token is configured
     * @param tokens          the accepted tokens; blank ones count as absent
     */
    public BearerTokenGate(Predicate<String> guardedPath, String disabledMessage, List<Optional<String>> tokens) {
        this.guardedPath = guardedPath;
        this.disabledMessage = disabledMessage;
        this.tokens = tokens.stream().map(t -> t.filter(s -> !s.isBlank())).toList();
    }

    /** Empty to let the request through, else the 401 to answer. */
    public Optional<Response> check(ContainerRequestContext request) {
        if (!guardedPath.test(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        if (tokens.stream().allMatch(Optional::isEmpty)) {
            return Optional.of(unauthorized(disabledMessage));
        }
        // Every token is checked, so the time taken does not tell which one a guess was closer to.
        boolean presented = false;
        for (Optional<String> token : tokens) {
            presented |= presents(request, token);
        }
        return presented ? Optional.empty() : Optional.of(unauthorized("a valid bearer token is required"));
    }

    private static Response unauthorized(String message) {
        return OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized", message);
    }

    /** True when the request presents {@code expected} as its bearer token; an absent one never matches. */
    private static boolean presents(ContainerRequestContext request, Optional<String> expected) {
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
