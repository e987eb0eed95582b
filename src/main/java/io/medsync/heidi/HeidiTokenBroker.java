package io.medsync.heidi;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.http.ExpiringTokenCache;

/**
 * Widget JWTs per clinician, cached until {@code medsync.heidi.token-refresh-margin} before Heidi's
 * {@code expiration_time}. Concurrent requests for the same clinician wait for one {@code GET /jwt}.
 */
@ApplicationScoped
public class HeidiTokenBroker {

    private static final Logger LOG = Logger.getLogger(HeidiTokenBroker.class);

    private final HeidiClient heidi;
    private final HeidiRegions regions;
    private final ExpiringTokenCache<Clinician> tokens;

    HeidiTokenBroker(HeidiClient heidi, HeidiRegions regions, HeidiSettings settings, Clock clock) {
        this.heidi = heidi;
        this.regions = regions;
        this.tokens = new ExpiringTokenCache<>(settings.tokenRefreshMargin(), clock);
    }

    /** @throws IllegalArgumentException for an unknown region; {@link HeidiBrokerException} when Heidi refuses */
    public ClinicianToken token(Clinician clinician) {
        HeidiRegion region = regions.get(clinician.region());
        ExpiringTokenCache.IssuedToken issued = tokens.issued(clinician, c -> {
            ExpiringTokenCache.IssuedToken fresh = heidi.jwt(region, c.email(), c.ehrUserId());
            LOG.infof("Heidi token issued for region=%s ehr_user_id=%s, expires %s", region.name(), c.ehrUserId(),
                    fresh.expiresAt());
            return fresh;
        });
        return new ClinicianToken(issued.value(), issued.expiresAt());
    }

    /** The clinician's cached token for Heidi calls made on their behalf; a rejected one is fetched anew once. */
    public BearerSource bearerFor(Clinician clinician) {
        return new BearerSource() {
            @Override
            public String token() {
                return HeidiTokenBroker.this.token(clinician).token();
            }

            @Override
            public void rejected(String token) {
                tokens.invalidate(clinician, token);
            }
        };
    }
}
