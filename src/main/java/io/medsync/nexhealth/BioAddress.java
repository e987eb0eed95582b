package io.medsync.nexhealth;

import io.medsync.mapping.Names;
import io.medsync.mapping.UsAddress;

/** The postal address in a NexHealth {@code bio}, with problems named by bio key. */
final class BioAddress {

    private static final UsAddress.FieldNames BIO_KEYS =
            new UsAddress.FieldNames("bio.address_line_1", "bio.city", "bio.state", "bio.zip_code");

    private BioAddress() {
    }

    /** Line 1 is {@code address_line_1}, else {@code street_address} (EHRs fill one or the other). */
    static UsAddress of(NexHealthBio bio) {
        if (bio == null) {
            return UsAddress.of(null, null, null, null, null, BIO_KEYS);
        }
        String line1 = Names.clean(bio.addressLine1());
        if (line1 == null) {
            line1 = Names.clean(bio.streetAddress());
        }
        return UsAddress.of(line1, bio.addressLine2(), bio.city(), bio.state(), bio.zipCode(), BIO_KEYS);
    }
}
