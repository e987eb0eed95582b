package io.medsync.ops;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <token>} on {@code /ops/*} names an operator (Quarkus security: the resources say
 * which role they need with {@code @RolesAllowed}). A missing or unknown token leaves the request anonymous, which
 * the resources answer with a JSON 401 ({@link OpsSecurityErrors}); other paths (Heidi, webhooks) keep their own
 * checks.
 */
@ApplicationScoped
public class OpsTokenAuthentication implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (!context.normalizedPath().startsWith("/ops") || header == null || !header.startsWith(BEARER)) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(
                new TokenCredential(header.substring(BEARER.length()), "bearer"));
        return identities.authenticate(request).onFailure().recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** Turns a token into the operator it belongs to, or nothing. */
    @ApplicationScoped
    public static class Operators implements IdentityProvider<TokenAuthenticationRequest> {

        private final OpsOperators operators;

        Operators(OpsOperators operators) {
            this.operators = operators;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return Uni.createFrom().item(() -> operators.byToken(request.getToken().getToken())
                    .<SecurityIdentity>map(o -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(o.name())).addRoles(o.roles()).build())
                    .orElse(null));
        }
    }
}
