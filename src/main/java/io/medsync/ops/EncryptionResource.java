package io.medsync.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.medsync.crypto.KeyRotation;
import io.medsync.crypto.RotationResult;

/**
 * {@code POST /ops/encryption/rotate}: after adding a key to {@code MEDSYNC_ENCRYPTION_KEYS} and making it the active
 * one, re-seals every stored payload under it; the old key can leave the ring once this reports no failures.
 */
@Path("/ops/encryption")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class EncryptionResource {

    private final KeyRotation rotation;

    EncryptionResource(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/rotate")
    @Audited("encryption.rotate")
    public RotationResult rotate() {
        return rotation.reencrypt();
    }
}
