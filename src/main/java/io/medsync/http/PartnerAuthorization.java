package io.medsync.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The step before a partner's endpoint that turns the request's credential into the header the partner reads. One
 * per partner, naming the credential kinds that partner takes, so a bearer meant for one API never leaves as
 * another's key by mistake.
 */
final class PartnerAuthorization implements Processor {

    private final String partner;
    private final Set<Class<? extends PartnerRequest.Credential>> accepted;

    PartnerAuthorization(String partner, Set<Class<? extends PartnerRequest.Credential>> accepted) {
        this.partner = partner;
        this.accepted = accepted;
    }

    @Override
    public void process(Exchange exchange) {
        PartnerRequest.Credential credential = exchange.getMessage().getBody(PartnerRequest.class).credential();
        if (credential == null) {
            return;
        }
        if (!accepted.contains(credential.getClass())) {
            throw new IllegalStateException(partner + " takes no " + credential.getClass().getSimpleName()
                    + " credential");
        }
        if (credential instanceof PartnerRequest.Bearer bearer) {
            exchange.getMessage().setHeader("Authorization", "Bearer " + bearer.token());
        } else if (credential instanceof PartnerRequest.ApiKey key) {
            exchange.getMessage().setHeader(key.header(), key.key());
        } else if (credential instanceof PartnerRequest.Basic basic) {
            exchange.getMessage().setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basic.user() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
