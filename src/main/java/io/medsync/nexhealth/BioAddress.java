package io.medsync.nexhealth;

import io.medsync.mapping.Names;
import io.medsync.mapping.UsAddress;

/** The postal address in a NexHealth {@code bio}, with problems named by bio key. */
final class BioAddress {

    private static final UsAddress.FieldNames BIO_KEYS =
            new UsAddress.FieldNames("bio.address_line_1", "bio.city", "bio.state", "bio.zip_code");

    private BioAddress() {
    }

    private static final UsAddress.FieldNames ADDRESS_KEYS =
            new UsAddress.FieldNames("address.line_1", "address.city", "address.region", "address.postal_code");

    /**
     * The patient's address: the {@code bio} one when complete, else the documented {@code address} object when
     * that is complete, else the bio one (whose problems are reported).
     */
    static UsAddress of(NexHealthBio bio, NexHealthAddress address) {
        UsAddress fromBio = of(bio);
        if (fromBio.complete() || address == null) {
            return fromBio;
        }
        UsAddress fromObject = UsAddress.of(Names.clean(address.line1()), address.line2(), address.city(),
                address.region(), address.postalCode(), ADDRESS_KEYS);
        return fromObject.complete() ? fromObject : fromBio;
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
