package io.medsync.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/** Who a bearer token belongs to, among the configured operators. */
@ApplicationScoped
public class OpsOperators {

    /** A configured principal; {@code roles} includes viewer for every operator. */
    public record Operator(String name, String role, Set<String> roles) {
    }

    private record Known(Operator operator, byte[] tokenHash) {
    }

    private final List<Known> known = new ArrayList<>();

    OpsOperators(OpsOperatorSettings settings) {
        settings.token().filter(t -> !t.isBlank())
                .ifPresent(token -> known.add(new Known(operator("ops", OpsRoles.OPERATOR), sha256(token))));
        settings.operators().forEach((name, o) -> {
            String role = o.role().toLowerCase(Locale.ROOT);
            if (!role.equals(OpsRoles.VIEWER) && !role.equals(OpsRoles.OPERATOR)) {
                throw new IllegalArgumentException("medsync.ops.operators." + name + ".role must be viewer or operator");
            }
            if (!o.tokenHash().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("medsync.ops.operators." + name
                        + ".token-hash must be the hex SHA-256 of the token (64 hex digits)");
            }
            known.add(new Known(operator(name, role), HexFormat.of().parseHex(o.tokenHash())));
        });
    }

    private static Operator operator(String name, String role) {
        return new Operator(name, role,
                role.equals(OpsRoles.OPERATOR) ? Set.of(OpsRoles.VIEWER, OpsRoles.OPERATOR) : Set.of(OpsRoles.VIEWER));
    }

    public boolean anyConfigured() {
        return !known.isEmpty();
    }

    /** The operator holding {@code token}; every hash is compared, in constant time, whatever matches. */
    public Optional<Operator> byToken(String token) {
        byte[] presented = sha256(token);
        Operator found = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(presented, k.tokenHash()) && found == null) {
                found = k.operator();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
