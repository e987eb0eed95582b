package io.medsync.nexhealth;

import java.time.Instant;

/** Builders of NexHealth records for the mapper tests. */
public final class NexHealthTestData {

    private NexHealthTestData() {
    }

    /** Mutable builder for the 14-field bio record. */
    public static final class Bio {
        String city = "Austin", state = "TX", gender = "Female", zipCode = "78701", phoneNumber = "(512) 555-0100",
                dateOfBirth = "1964-05-03", addressLine1 = "12 Oak St", addressLine2 = null, streetAddress = null,
                cellPhoneNumber = null, homePhoneNumber = null, workPhoneNumber = null;

        public static Bio valid() {
            return new Bio();
        }

        public static Bio blank() {
            Bio b = new Bio();
            b.city = b.state = b.gender = b.zipCode = b.phoneNumber = b.dateOfBirth = b.addressLine1 = null;
            return b;
        }

        public Bio city(String v) { city = v; return this; }
        public Bio state(String v) { state = v; return this; }
        public Bio gender(String v) { gender = v; return this; }
        public Bio zip(String v) { zipCode = v; return this; }
        public Bio phone(String v) { phoneNumber = v; return this; }
        public Bio cell(String v) { cellPhoneNumber = v; return this; }
        public Bio home(String v) { homePhoneNumber = v; return this; }
        public Bio work(String v) { workPhoneNumber = v; return this; }
        public Bio dob(String v) { dateOfBirth = v; return this; }
        public Bio line1(String v) { addressLine1 = v; return this; }
        public Bio line2(String v) { addressLine2 = v; return this; }
        public Bio street(String v) { streetAddress = v; return this; }

        public NexHealthBio build() {
            return new NexHealthBio(city, state, gender, zipCode, null, null, phoneNumber, dateOfBirth, addressLine1,
                    addressLine2, streetAddress, cellPhoneNumber, homePhoneNumber, workPhoneNumber);
        }
    }

    public static NexHealthPatient patient(String first, String last, String email, NexHealthBio bio) {
        return patient(first, null, last, email, bio, false, 7L);
    }

    public static NexHealthPatient patient(String first, String middle, String last, String email, NexHealthBio bio,
            Boolean inactive, Long providerId) {
        String name = first == null && last == null ? null : first + " " + last;
        return new NexHealthPatient(101L, email, first, middle, last, name, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), 1L, "F-101", bio, inactive, providerId);
    }

    public static NexHealthProvider provider(String first, String last, String email, String npi, NexHealthBio bio) {
        return new NexHealthProvider(55L, email, first, last, first + " " + last, null, null, 1L, bio, false, npi,
                "363L00000X");
    }
}
