package io.medsync.nexhealth;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.ExpiringTokenCache;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.RateLimitHints;

/** One cached NexHealth bearer per API key, from {@code POST /authenticates}. */
@ApplicationScoped
public class NexHealthTokenProvider {

    private final OutboundCaller caller;
    private final NexHealthSettings settings;
    private final ExpiringTokenCache<String> tokens;
    private final Clock clock = Clock.systemUTC();

    NexHealthTokenProvider(OutboundCaller caller, NexHealthSettings settings) {
        this.caller = caller;
        this.settings = settings;
        this.tokens = new ExpiringTokenCache<>(settings.tokenRefreshMargin(), clock);
    }

    public String token(String apiKey) {
        return tokens.get(apiKey, this::authenticate);
    }

    public void rejected(String apiKey, String token) {
        tokens.invalidate(apiKey, token);
    }

    private ExpiringTokenCache.IssuedToken authenticate(String apiKey) {
        // NexHealth takes the bare API key in Authorization here, and the bearer it returns everywhere else.
        String target = "nexhealth POST /authenticates";
        CallResult result = caller.call(target, () -> PartnerRequest
                .post(settings.baseUrl() + "/authenticates", null)
                .authorizedBy(new PartnerRequest.ApiKey("Authorization", apiKey))
                .header("Nex-Api-Version", settings.apiVersion())
                .header("Accept", "application/json")
                .answeredAs(NexHealthAnswers.Authentication.class), new CallPolicy(true, RateLimitHints.NONE, () -> {
                }));
        if (!result.succeeded()) {
            throw new NexHealthException("NexHealth authentication failed (HTTP " + result.status() + ")", result.status());
        }
        NexHealthAnswers.Token token = result.answer(NexHealthAnswers.Authentication.class,
                problem -> NexHealthClient.notTheContract(target, problem)).data();
        if (token == null || token.token() == null || token.token().isBlank()) {
            throw new NexHealthException("NexHealth authentication answered without data.token", result.status());
        }
        return new ExpiringTokenCache.IssuedToken(token.token(), clock.instant().plus(settings.tokenTtl()));
    }
}
