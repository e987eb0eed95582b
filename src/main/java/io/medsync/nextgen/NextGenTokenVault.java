package io.medsync.nextgen;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.crypto.PayloadCipher;
import io.medsync.crypto.SealedPayload;
import io.medsync.http.ExpiringTokenCache;
import io.medsync.tenant.NextGenSource;
import io.medsync.tenant.Tenant;

/**
 * The patients' NextGen tokens, sealed at rest: hands out a valid access token, refreshing it (under the
 * enrolment's row lock, so replicas never spend one refresh token twice) shortly before it expires. A grant the
 * server refuses is marked for re-consent once and never retried. Also caches each tenant's client_credentials token.
 */
@ApplicationScoped
public class NextGenTokenVault {

    private static final Logger LOG = Logger.getLogger(NextGenTokenVault.class);

    private final EnrolmentStore store;
    private final PayloadCipher cipher;
    private final NextGenAuthServer authServer;
    private final NextGenSettings settings;
    private final NextGenMetrics metrics;
    private final ExpiringTokenCache<String> systemTokens;

    NextGenTokenVault(EnrolmentStore store, PayloadCipher cipher, NextGenAuthServer authServer,
            NextGenSettings settings, NextGenMetrics metrics) {
        this.store = store;
        this.cipher = cipher;
        this.authServer = authServer;
        this.settings = settings;
        this.metrics = metrics;
        this.systemTokens = new ExpiringTokenCache<>(settings.tokenRefreshMargin(), java.time.Clock.systemUTC());
    }

    /** Stores the grant of a consent that just completed; a re-consent replaces the old grant. */
    public void enrol(Tenant tenant, String patientId, TokenGrant grant) {
        Instant now = authServer.now();
        store.saveGrant(tenant.id(), patientId, seal(tenant.id(), patientId, grant, null, now), now);
        LOG.infof("tenant %s: NextGen patient %s enrolled", tenant.id(), patientId);
    }

    /** A valid access token for the patient. @throws NeedsReconsentException when there is no usable grant */
    public String accessToken(Tenant tenant, String patientId) {
        EnrolmentStore.StoredGrant grant = usable(tenant, patientId);
        if (grant.accessExpiresAt().isAfter(authServer.now().plus(settings.tokenRefreshMargin()))) {
            return open(grant, "access", grant.accessToken());
        }
        return refresh(tenant, patientId, null);
    }

    /** The FHIR server refused {@code token} (401): refresh now, unless another caller already did. */
    public void rejected(Tenant tenant, String patientId, String token) {
        try {
            refresh(tenant, patientId, token);
        } catch (NeedsReconsentException | NextGenException e) {
            // The re-attempt will fail and report; nothing more to do here.
        }
    }

    /** Refreshes a grant whose refresh token nears NextGen's 48-hour limit (the grant keeper's step). */
    public void keepAlive(Tenant tenant, String patientId) {
        refresh(tenant, patientId, "");
    }

    /** The tenant's client_credentials token. */
    public String systemToken(Tenant tenant) {
        NextGenSource.OAuthClient client = oauth(tenant);
        return systemTokens.get(tenant.id(), id -> {
            TokenGrant grant = authServer.clientCredentials(client);
            return new ExpiringTokenCache.IssuedToken(grant.accessToken(), grant.accessExpiresAt());
        });
    }

    public void systemTokenRejected(Tenant tenant, String token) {
        systemTokens.invalidate(tenant.id(), token);
    }

    /**
     * Refreshes under the row lock. {@code rejected}: null refreshes only if the stored access token is (nearly)
     * expired, a token refreshes only if it is still the stored one, "" always refreshes.
     */
    private String refresh(Tenant tenant, String patientId, String rejected) {
        NextGenSource.OAuthClient client = oauth(tenant);
        Instant now = authServer.now();
        java.util.concurrent.atomic.AtomicBoolean refusedHere = new java.util.concurrent.atomic.AtomicBoolean();
        Optional<EnrolmentStore.StoredGrant> after = store.refreshLocked(tenant.id(), patientId, current -> {
            EnrolmentStore.RefreshDecision decision = decide(client, tenant, patientId, current, rejected, now);
            refusedHere.set(decision != null && decision.refusedReason() != null);
            return decision;
        }, now);
        EnrolmentStore.StoredGrant grant = after.orElseThrow(() -> notEnrolled(tenant, patientId));
        if (grant.state() != EnrolmentState.ACTIVE) {
            if (refusedHere.get()) {
                metrics.reconsentRequired(tenant.id());
                LOG.warnf("tenant %s: NextGen patient %s needs re-consent: %s", tenant.id(), patientId,
                        grant.stateReason());
            }
            throw new NeedsReconsentException("NextGen patient " + patientId + " of tenant " + tenant.id()
                    + " needs re-consent: " + grant.stateReason());
        }
        return open(grant, "access", grant.accessToken());
    }

    private EnrolmentStore.RefreshDecision decide(NextGenSource.OAuthClient client, Tenant tenant, String patientId,
            EnrolmentStore.StoredGrant current, String rejected, Instant now) {
        if (current.state() != EnrolmentState.ACTIVE) {
            return null;
        }
        if (!needsRefresh(current, rejected, now)) {
            return null;
        }
        if (current.refreshToken() == null) {
            return new EnrolmentStore.RefreshDecision(null, "the access token expired and NextGen issued no refresh token");
        }
        if (current.refreshIssuedAt() != null
                && current.refreshIssuedAt().plus(settings.refreshTokenLifetime()).isBefore(now)) {
            return new EnrolmentStore.RefreshDecision(null, "the refresh token is older than NextGen's "
                    + settings.refreshTokenLifetime().toHours() + "-hour limit");
        }
        try {
            TokenGrant grant = authServer.refresh(client, open(current, "refresh", current.refreshToken()));
            return new EnrolmentStore.RefreshDecision(seal(tenant.id(), patientId, grant, current, now), null);
        } catch (GrantRefusedException e) {
            return new EnrolmentStore.RefreshDecision(null, e.getMessage());
        }
    }

    private boolean needsRefresh(EnrolmentStore.StoredGrant current, String rejected, Instant now) {
        if (rejected == null) {
            return !current.accessExpiresAt().isAfter(now.plus(settings.tokenRefreshMargin()));
        }
        if (rejected.isEmpty()) {
            return true;
        }
        return rejected.equals(open(current, "access", current.accessToken()));
    }

    private EnrolmentStore.StoredGrant usable(Tenant tenant, String patientId) {
        EnrolmentStore.StoredGrant grant = store.grant(tenant.id(), patientId)
                .orElseThrow(() -> notEnrolled(tenant, patientId));
        if (grant.state() != EnrolmentState.ACTIVE) {
            throw new NeedsReconsentException("NextGen patient " + patientId + " of tenant " + tenant.id()
                    + " needs re-consent: " + grant.stateReason());
        }
        return grant;
    }

    private static NeedsReconsentException notEnrolled(Tenant tenant, String patientId) {
        return new NeedsReconsentException("NextGen patient " + patientId + " of tenant " + tenant.id()
                + " is not enrolled");
    }

    private static NextGenSource.OAuthClient oauth(Tenant tenant) {
        return tenant.nextGen().flatMap(NextGenSource::oauth).orElseThrow(() -> new IllegalStateException(
                "tenant " + tenant.id() + " has no NextGen OAuth client"));
    }

    /** Without rotation the stored refresh token (and its issue time, which the 48-hour rule counts from) stay. */
    private EnrolmentStore.SealedTokens seal(String tenantId, String patientId, TokenGrant grant,
            EnrolmentStore.StoredGrant previous, Instant now) {
        SealedPayload access = cipher.sealString(grant.accessToken(), context(tenantId, patientId, "access"));
        String refresh;
        Instant refreshIssuedAt;
        if (grant.refreshToken() != null) {
            refresh = cipher.sealString(grant.refreshToken(), context(tenantId, patientId, "refresh")).ciphertext();
            refreshIssuedAt = now;
        } else if (previous != null && previous.refreshToken() != null) {
            // Re-seal with the active key so both tokens of the row share one key id.
            refresh = cipher.sealString(open(previous, "refresh", previous.refreshToken()),
                    context(tenantId, patientId, "refresh")).ciphertext();
            refreshIssuedAt = previous.refreshIssuedAt();
        } else {
            refresh = null;
            refreshIssuedAt = null;
        }
        return new EnrolmentStore.SealedTokens(access.keyId(), access.ciphertext(), grant.accessExpiresAt(), refresh,
                refreshIssuedAt, grant.scope());
    }

    private String open(EnrolmentStore.StoredGrant grant, String kind, String ciphertext) {
        return cipher.openString(grant.tokenKeyId(), ciphertext, context(grant.tenantId(), grant.patientId(), kind));
    }

    static String context(String tenantId, String patientId, String kind) {
        return io.medsync.crypto.PayloadContext.nextGenToken(tenantId, patientId, kind);
    }
}
