package io.medsync.sandbox.nextgen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization server's state: authorization codes, grants (one per consent or client_credentials exchange)
 * and the access and refresh tokens issued under them. Revoking a grant kills all its tokens. Every expiry is read
 * from the sandbox clock. Thread-safe (all state guarded by this).
 */
final class OAuthGrants {

    /** What the token endpoint hands out; {@code refreshToken} and {@code patientId} may be null. */
    record Issued(String accessToken, long expiresInSeconds, String refreshToken, String scope, String patientId) {
    }

    private record Code(String redirectUri, String codeChallenge, String patientId, String scope, Instant expiresAt) {
    }

    private static final class Grant {
        final String id;
        final String patientId;
        final String scope;
        boolean revoked;

        Grant(String id, String patientId, String scope) {
            this.id = id;
            this.patientId = patientId;
            this.scope = scope;
        }
    }

    private record AccessToken(Grant grant, Instant expiresAt) {
    }

    private record RefreshToken(Grant grant, Instant issuedAt) {
    }

    private final NextGenSandboxSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final List<Grant> grants = new ArrayList<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    // Only the refresh tokens that are still usable; rotated-out ones are removed.
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private final Map<String, Integer> refreshTokensIssued = new HashMap<>();

    OAuthGrants(NextGenSandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A single-use code for a patient's consent, valid for the configured code TTL. */
    synchronized String issueCode(String patientId, String redirectUri, String codeChallenge, String scope) {
        String code = randomToken();
        codes.put(code, new Code(redirectUri, codeChallenge, patientId, scope,
                clock.instant().plus(settings.codeTtl())));
        return code;
    }

    synchronized Issued exchangeCode(String code, String redirectUri, String codeVerifier) {
        if (code == null || redirectUri == null || codeVerifier == null) {
            throw OAuthError.invalidRequest("code, redirect_uri and code_verifier are required");
        }
        // Removed on first use, whatever the outcome: codes are single-use.
        Code issued = codes.remove(code);
        if (issued == null) {
            throw OAuthError.invalidGrant("Authorization code is unknown or was already used");
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            throw OAuthError.invalidGrant("Authorization code expired");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!s256(codeVerifier).equals(issued.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
        Grant grant = newGrant(issued.patientId(), issued.scope());
        return issue(grant, newRefreshToken(grant));
    }

    synchronized Issued refresh(String refreshToken) {
        if (refreshToken == null) {
            throw OAuthError.invalidRequest("refresh_token is required");
        }
        RefreshToken current = refreshTokens.get(refreshToken);
        if (current == null || current.grant().revoked) {
            throw OAuthError.invalidGrant("Refresh token is unknown, rotated or revoked");
        }
        if (!clock.instant().isBefore(current.issuedAt().plus(settings.refreshTokenLifetime()))) {
            refreshTokens.remove(refreshToken);
            throw OAuthError.invalidGrant("Refresh token expired; the patient must authorize again");
        }
        if (!settings.rotateRefreshTokens()) {
            return issue(current.grant(), refreshToken);
        }
        refreshTokens.remove(refreshToken);
        return issue(current.grant(), newRefreshToken(current.grant()));
    }

    /** A system token that may read every patient; no refresh token. */
    synchronized Issued clientCredentials(String scope) {
        return issue(newGrant(null, scope == null ? "system/*.read" : scope), null);
    }

    /** RFC 7009: revokes the token and the grant it belongs to; unknown tokens are ignored. */
    synchronized void revoke(String token) {
        Optional.ofNullable(accessTokens.get(token)).map(AccessToken::grant)
                .or(() -> Optional.ofNullable(refreshTokens.get(token)).map(RefreshToken::grant))
                .ifPresent(g -> g.revoked = true);
    }

    /** The scope of a live access token, or empty for unknown, expired and revoked ones. */
    synchronized Optional<AccessScope> authenticate(String accessToken) {
        AccessToken token = accessTokens.get(accessToken);
        if (token == null || token.grant().revoked || !clock.instant().isBefore(token.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(token.grant().patientId == null ? AccessScope.EVERYONE
                : new AccessScope(token.grant().patientId));
    }

    synchronized void revokeGrantsOf(String patientId) {
        grants.stream().filter(g -> patientId.equals(g.patientId)).forEach(g -> g.revoked = true);
    }

    synchronized void expireAccessTokens() {
        Instant now = clock.instant();
        accessTokens.replaceAll((token, access) -> new AccessToken(access.grant(), now));
    }

    synchronized int refreshTokensIssuedTo(String patientId) {
        return refreshTokensIssued.getOrDefault(patientId, 0);
    }

    private Grant newGrant(String patientId, String scope) {
        Grant grant = new Grant("grant-" + (grants.size() + 1), patientId, scope);
        grants.add(grant);
        return grant;
    }

    private String newRefreshToken(Grant grant) {
        String token = randomToken();
        refreshTokens.put(token, new RefreshToken(grant, clock.instant()));
        refreshTokensIssued.merge(grant.patientId, 1, Integer::sum);
        return token;
    }

    private Issued issue(Grant grant, String refreshToken) {
        String token = randomToken();
        accessTokens.put(token, new AccessToken(grant, clock.instant().plus(settings.accessTokenTtl())));
        return new Issued(token, settings.accessTokenTtl().toSeconds(), refreshToken, grant.scope, grant.patientId);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7636: BASE64URL(SHA-256(ASCII(code_verifier))), no padding. */
    static String s256(String codeVerifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
