package io.medsync.nextgen;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.RateLimitHints;
import io.medsync.tenant.NextGenSource.OAuthClient;

/**
 * NextGen's token endpoint (RFC 6749): the authorization-code exchange with the PKCE verifier, refreshes, and the
 * tenant-level client_credentials grant. Tokens are only ever returned, never logged; errors name the OAuth error
 * code, never a token.
 */
@ApplicationScoped
public class NextGenAuthServer {

    /** Access-token lifetime when the server does not say (NextGen does not publish one). */
    private static final long DEFAULT_EXPIRES_IN = 3600;

    private final OutboundCaller caller;
    private final NextGenSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    @jakarta.inject.Inject
    NextGenAuthServer(OutboundCaller caller, NextGenSettings settings, ObjectMapper json) {
        this(caller, settings, json, Clock.systemUTC());
    }

    NextGenAuthServer(OutboundCaller caller, NextGenSettings settings, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    public TokenGrant exchangeCode(OAuthClient client, String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", client.redirectUri());
        form.put("code_verifier", codeVerifier);
        return tokenRequest(client, form, "authorization_code");
    }

    public TokenGrant refresh(OAuthClient client, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokenRequest(client, form, "refresh_token");
    }

    public TokenGrant clientCredentials(OAuthClient client) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", client.scope());
        return tokenRequest(client, form, "client_credentials");
    }

    private TokenGrant tokenRequest(OAuthClient client, Map<String, String> form, String grantType) {
        boolean basic = !"post".equalsIgnoreCase(settings.clientAuth());
        if (!basic) {
            form.put("client_id", client.clientId());
            form.put("client_secret", client.clientSecret());
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String target = "nextgen POST token (" + grantType + ")";
        // Retried after a lost answer: a rotated refresh token may then be refused, which ends in re-consent, but
        // giving up at once would lose the grant every time a network blip hits a refresh.
        CallResult result = caller.call(target, () -> {
            PartnerRequest request = PartnerRequest.post(client.tokenUrl(), body)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .answeredAs(TokenResponse.class);
            return basic ? request.authorizedBy(new PartnerRequest.Basic(encode(client.clientId()),
                    encode(client.clientSecret()))) : request;
        }, new CallPolicy(true, RateLimitHints.NONE, () -> {
        }));
        if (!result.succeeded()) {
            String error = parse(result.body()).path("error").asText("");
            if ("invalid_grant".equals(error)) {
                throw new GrantRefusedException("NextGen refused the " + grantType + " grant (invalid_grant)");
            }
            throw new NextGenException(target + " failed: " + (error.isBlank() ? "" : error + ", ")
                    + (result.status() > 0 ? "HTTP " + result.status() : result.failure()), result.status());
        }
        TokenResponse answer = result.answer(TokenResponse.class, problem -> new NextGenException(target
                + " answered with a body that does not match the contract (" + problem + ")", result.status()));
        if (blank(answer.accessToken())) {
            throw new NextGenException(target + " answered without an access_token", result.status());
        }
        long expiresIn = answer.expiresIn() == null ? DEFAULT_EXPIRES_IN : answer.expiresIn();
        return new TokenGrant(answer.accessToken(), clock.instant().plusSeconds(expiresIn),
                orNull(answer.refreshToken()), orNull(answer.scope()), orNull(answer.patient()));
    }

    public Instant now() {
        return clock.instant();
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A blank field counts as absent, as a missing one does. */
    private static String orNull(String value) {
        return blank(value) ? null : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
