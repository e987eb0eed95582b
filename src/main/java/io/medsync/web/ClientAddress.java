package io.medsync.web;

import java.util.Set;

/**
 * The address a request came from, for rate limits: the connection's peer, unless the peer is a configured trusted
 * proxy ({@code medsync.rate-limit.trusted-proxies}); then the right-most {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy (entries further left are whatever the client chose to send, so they are never believed).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (peer == null || !trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer == null ? "unknown" : peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                // At most an IPv6 address's length: a longer value is not an address, and would be a map key.
                return hop.length() > 45 ? "invalid" : hop;
            }
        }
        return peer;
    }
}
