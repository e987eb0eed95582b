package io.medsync.ops;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The ops principals: {@code medsync.ops.operators."<name>".token-hash=<SHA-256 of the token, hex>} and
 * {@code .role=viewer|operator}. The single {@code medsync.ops.token} of earlier versions still works: it is an
 * operator named {@code ops}.
 */
@ConfigMapping(prefix = "medsync.ops")
public interface OpsOperatorSettings {

    /** The legacy shared token, an operator named "ops". */
    Optional<String> token();

    Map<String, Operator> operators();

    interface Operator {

        /** Hex SHA-256 of the operator's bearer token: the configuration never holds the token itself. */
        String tokenHash();

        @WithDefault(OpsRoles.VIEWER)
        String role();
    }
}
