package io.medsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.text.Normalizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic synthetic NexHealth providers, patients and appointments (same plan, same data). The data is deliberately messy in
 * the ways real EHR data is (unicode names, missing emails, many phone formats, partial addresses, ...) so the
 * mappers meet those cases in every sandbox run. All people are invented; phone numbers use the fictional 555-01xx
 * range and emails the reserved example.* domains.
 */
public final class SandboxSeed {

    public static final long INSTITUTION_ID = 4501;
    public static final long FIRST_PROVIDER_ID = 1001;
    public static final long FIRST_PATIENT_ID = 200001;
    public static final String FOREIGN_ID_TYPE = "msg-dentrix-DataSource";

    /** Provider index (when that many exist) whose special case is fixed, so tests can find it. */
    public static final int PROVIDER_WITHOUT_NPI = 1;
    public static final int PROVIDER_WITH_BAD_NPI_CHECK_DIGIT = 2;
    public static final int PROVIDER_WITHOUT_EMAIL = 3;
    public static final int PROVIDER_WITHOUT_ADDRESS = 4;

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant EPOCH_OF_DATA = Instant.parse("2025-01-01T00:00:00Z");
    private static final long HALF_YEAR_SECONDS = 182L * 24 * 3600;

    private static final String[] FIRST_NAMES = {
            "José", "Zoë", "Øyvind", "Łukasz", "Siobhán", "Anne-Marie", "Renée", "François", "Chloé", "Björn",
            "Olivia", "Liam", "Emma", "Noah", "Ava", "James", "Sophia", "Lucas", "Isabella", "Mateo",
            "Aaliyah", "DeShawn", "Priya", "Wei", "Hiroshi", "Fatima", "Mohammed", "Ingrid", "Carlos", "Grace",
            "Ethan", "Harper", "Elijah", "Mary Kate", "Jean-Luc", "Nadia", "Tomás", "Yuki", "Amara", "Declan"};
    private static final String[] LAST_NAMES = {
            "O'Brien", "Nguyễn", "Müller", "山田", "García", "Smith", "Johnson", "Williams", "Brown", "Jones",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernández", "Lopez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Lee", "Pérez", "Thompson", "Harris", "Sánchez", "Clark", "Kowalski",
            "Østergaard", "McAllister", "van der Berg", "Smith-Jones", "Kim", "Patel", "Okafor", "D'Angelo",
            "Núñez", "Ng", "Lindqvist"};
    private static final String[][] PLACES = {
            {"Austin", "TX", "78701", "Texas"}, {"Sacramento", "CA", "95814", "California"},
            {"Denver", "CO", "80202", "Colorado"}, {"Portland", "OR", "97201", "Oregon"},
            {"Columbus", "OH", "43215", "Ohio"}, {"Miami", "FL", "33130", "Florida"},
            {"Seattle", "WA", "98101", "Washington"}, {"Boston", "MA", "02108", "Massachusetts"},
            {"Phoenix", "AZ", "85004", "Arizona"}, {"Nashville", "TN", "37203", "Tennessee"},
            {"Chicago", "IL", "60601", "Illinois"}, {"San Antonio", "TX", "78205", "Texas"},
            {"Raleigh", "NC", "27601", "North Carolina"}, {"Albany", "NY", "12207", "New York"},
            {"Madison", "WI", "53703", "Wisconsin"}};
    private static final String[] STREETS = {
            "Maple Ave", "Oak St", "Cedar Ln", "Pine Rd", "Elm St", "Lakeview Dr", "Sunset Blvd", "Main St",
            "Highland Ave", "River Rd", "Church St", "Park Pl"};
    private static final String[] UNITS = {"Apt 4B", "Suite 200", "Unit 7", "#12"};
    private static final int[] AREA_CODES = {212, 312, 415, 512, 617, 702, 808, 919, 206, 303};
    private static final String[] GENDERS = {"Female", "Male", "F", "M", "Other"};
    private static final String[] SPECIALTY_CODES = {"1223G0001X", "1223X0400X", "1223P0221X", "1223E0200X",
            "363L00000X"};
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net"};

    /**
     * What to seed. Appointments are spread around {@code now} (the sandbox clock at seeding time); everything else
     * depends on {@code seed} only, so the same plan always gives the same data.
     */
    public record Plan(long seed, int providers, int patients, int appointments, long locationId,
            long secondLocationId, Instant now) {

        public static Plan of(SandboxSettings settings, Instant now) {
            return new Plan(settings.randomSeed(), settings.providers(), settings.patients(), settings.appointments(),
                    settings.nexHealth().locationId(), settings.nexHealth().secondLocationId(), now);
        }
    }

    /**
     * Seeded providers, patients (list items as served), each patient's location and appointments. Every patient
     * belongs to exactly one location, kept apart because only the detailed patient object carries
     * {@code location_ids}.
     */
    public record Data(List<ObjectNode> providers, List<ObjectNode> patients, Map<Long, Long> patientLocations,
            List<ObjectNode> appointments) {

        public Data {
            patientLocations = Map.copyOf(patientLocations);
        }
    }

    /** Share of patients seeded at the second location only. */
    static final double SECOND_LOCATION_SHARE = 0.20;

    private final Random random;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private SandboxSeed(long seed) {
        this.random = new Random(seed);
    }

    public static Data generate(Plan plan) {
        return new SandboxSeed(plan.seed()).build(plan);
    }

    private Data build(Plan plan) {
        List<ObjectNode> providers = new ArrayList<>();
        for (int i = 0; i < plan.providers(); i++) {
            providers.add(provider(i, plan.providers(), plan.locationId(), plan.secondLocationId()));
        }
        PatientTraits traits = new PatientTraits(plan.patients());
        List<ObjectNode> patients = new ArrayList<>();
        for (int i = 0; i < plan.patients(); i++) {
            patients.add(patient(i, traits, plan.providers()));
        }
        // Locations and appointments draw from their own generators, so adding them left the people unchanged.
        Map<Long, Long> locations = patientLocations(new Random(plan.seed() * 31 + 1), patients, plan);
        List<ObjectNode> appointments = new AppointmentSeed(new Random(plan.seed() * 31 + 2), plan.now())
                .generate(plan.appointments(), providers, patients, locations);
        return new Data(providers, patients, locations, appointments);
    }

    private static Map<Long, Long> patientLocations(Random random, List<ObjectNode> patients, Plan plan) {
        int n = patients.size();
        int atSecond = (int) Math.round(n * SECOND_LOCATION_SHARE);
        Set<Integer> second = new HashSet<>();
        while (second.size() < atSecond) {
            second.add(random.nextInt(n));
        }
        Map<Long, Long> locations = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            locations.put(patients.get(i).get("id").asLong(),
                    second.contains(i) ? plan.secondLocationId() : plan.locationId());
        }
        return locations;
    }

    /** Rare traits are assigned to a fixed number of distinct patients so small seeds still contain them. */
    private final class PatientTraits {
        final Set<Integer> noEmail;
        final Set<Integer> inactive;
        final Set<Integer> noProvider;
        final Set<Integer> noDob;
        final Set<Integer> incompleteAddress;
        final Set<Integer> oneLetterFirstName;
        final Set<Integer> invalidPhone;
        final Set<Integer> phoneExtension;
        final Set<Integer> fullStateName;

        PatientTraits(int n) {
            noEmail = pick(n, 0.15);
            inactive = pick(n, 0.10);
            noProvider = pick(n, 0.10);
            noDob = pick(n, 0.02);
            incompleteAddress = pick(n, 0.03);
            oneLetterFirstName = pick(n, 0.01);
            invalidPhone = pick(n, 0.03);
            phoneExtension = pick(n, 0.05);
            fullStateName = pick(n, 0.05);
        }

        private Set<Integer> pick(int n, double ratio) {
            int count = n == 0 ? 0 : Math.max(1, (int) Math.round(n * ratio));
            Set<Integer> picked = new HashSet<>();
            while (picked.size() < Math.min(count, n)) {
                picked.add(random.nextInt(n));
            }
            return picked;
        }
    }

    private ObjectNode provider(int index, int providerCount, long locationId, long secondLocationId) {
        long id = FIRST_PROVIDER_ID + index;
        String first = pickOf(FIRST_NAMES);
        String last = pickOf(LAST_NAMES);
        Instant created = EPOCH_OF_DATA.plusSeconds(random.nextInt((int) HALF_YEAR_SECONDS));
        Instant updated = created.plusSeconds(random.nextInt((int) HALF_YEAR_SECONDS));
        ObjectNode p = nodes.objectNode();
        p.put("id", id);
        p.put("email", index == PROVIDER_WITHOUT_EMAIL ? null : email(first, last, id));
        p.put("first_name", first);
        p.putNull("middle_name");
        p.put("last_name", last);
        p.put("name", first + " " + last);
        p.put("created_at", TIMESTAMP.format(created));
        p.put("updated_at", TIMESTAMP.format(updated));
        p.put("institution_id", INSTITUTION_ID);
        p.put("foreign_id", String.valueOf(10 + index));
        p.put("foreign_id_type", FOREIGN_ID_TYPE);
        ObjectNode bio = p.putObject("bio");
        if (index != PROVIDER_WITHOUT_ADDRESS) {
            String[] place = pickOf(PLACES);
            bio.put("address_line_1", street());
            bio.put("city", place[0]);
            bio.put("state", place[1]);
            bio.put("zip_code", place[2]);
        }
        bio.put("phone_number", phoneDigits());
        // Providers stay active except the last of a reasonably sized set, so the inactive filter matters.
        p.put("inactive", providerCount >= 6 && index == providerCount - 1);
        p.put("last_sync_time", TIMESTAMP.format(updated));
        p.put("display_name", "Dr. " + first + " " + last);
        p.put("npi", npi(index));
        p.put("tin", random.nextInt(4) == 0 ? null : "9" + digits(8));
        p.put("state_license", "DDS-" + digits(5));
        p.put("specialty_code", pickOf(SPECIALTY_CODES));
        ArrayNode locations = p.putArray("locations");
        // Every provider serves both offices of the institution.
        locations.add(location(locationId, "Main Office"));
        locations.add(location(secondLocationId, "Second Office"));
        return p;
    }

    /**
     * Most patients see a provider whose record is complete; about 5% belong to one of the deliberately broken or
     * inactive providers, as in a real practice, so the demo shows both outcomes without drowning in one.
     */
    private int providerIndexForPatient(int providerCount) {
        if (providerCount <= 5 || random.nextInt(100) < 5) {
            return random.nextInt(providerCount);
        }
        int index;
        do {
            index = random.nextInt(providerCount);
        } while (isProblemProvider(index, providerCount));
        return index;
    }

    private static boolean isProblemProvider(int index, int providerCount) {
        return index == PROVIDER_WITHOUT_NPI || index == PROVIDER_WITH_BAD_NPI_CHECK_DIGIT
                || index == PROVIDER_WITHOUT_EMAIL || (providerCount >= 6 && index == providerCount - 1);
    }

    private String npi(int index) {
        if (index == PROVIDER_WITHOUT_NPI) {
            return null;
        }
        String body = (random.nextBoolean() ? "1" : "2") + digits(8);
        int check = Npi.checkDigit(body);
        if (index == PROVIDER_WITH_BAD_NPI_CHECK_DIGIT) {
            check = (check + 1) % 10;
        }
        return body + check;
    }

    private ObjectNode location(long id, String name) {
        ObjectNode l = nodes.objectNode();
        l.put("id", id);
        l.put("name", name);
        l.put("institution_id", INSTITUTION_ID);
        l.put("street_address", "100 Congress Ave");
        l.putNull("street_address_2");
        l.put("city", "Austin");
        l.put("state", "TX");
        l.put("zip_code", "78701");
        l.put("country_code", "US");
        l.put("phone_number", "5125550100");
        l.put("foreign_id", String.valueOf(id));
        l.put("foreign_id_type", FOREIGN_ID_TYPE);
        l.put("tz", "America/Chicago");
        l.put("inactive", false);
        l.put("created_at", TIMESTAMP.format(EPOCH_OF_DATA));
        l.put("updated_at", TIMESTAMP.format(EPOCH_OF_DATA));
        return l;
    }

    private ObjectNode patient(int index, PatientTraits traits, int providerCount) {
        long id = FIRST_PATIENT_ID + index;
        String first = traits.oneLetterFirstName.contains(index) ? "J" : pickOf(FIRST_NAMES);
        String middle = random.nextInt(10) < 4 ? pickOf(FIRST_NAMES) : null;
        String last = pickOf(LAST_NAMES);
        Instant created = EPOCH_OF_DATA.plusSeconds(random.nextInt((int) HALF_YEAR_SECONDS));
        Instant updated = created.plusSeconds(random.nextInt((int) HALF_YEAR_SECONDS));

        ObjectNode p = nodes.objectNode();
        p.put("id", id);
        p.put("email", traits.noEmail.contains(index) ? null : email(first, last, id));
        p.put("first_name", first);
        p.put("middle_name", middle);
        p.put("last_name", last);
        p.put("name", first + " " + last);
        p.put("created_at", TIMESTAMP.format(created));
        p.put("updated_at", TIMESTAMP.format(updated));
        p.put("institution_id", INSTITUTION_ID);
        p.put("foreign_id", String.valueOf(50000 + index));
        p.put("foreign_id_type", FOREIGN_ID_TYPE);
        p.set("bio", patientBio(index, traits));
        p.put("inactive", traits.inactive.contains(index));
        p.put("last_sync_time", TIMESTAMP.format(updated));
        int guarantor = random.nextInt(10);
        if (guarantor < 8 || index == 0) {
            p.put("guarantor_id", id);
        } else if (guarantor == 8) {
            p.put("guarantor_id", FIRST_PATIENT_ID + random.nextInt(index));
        } else {
            p.putNull("guarantor_id");
        }
        p.put("billing_type", random.nextBoolean() ? "Standard Billing" : null);
        p.put("chart_id", random.nextInt(5) == 0 ? null : String.format(Locale.ROOT, "%06d", 1000 + index));
        int language = random.nextInt(20);
        p.put("preferred_language", language < 14 ? "en" : language < 17 ? "es" : null);
        if (traits.noProvider.contains(index) || providerCount == 0) {
            p.putNull("provider_id");
        } else {
            p.put("provider_id", FIRST_PROVIDER_ID + providerIndexForPatient(providerCount));
        }
        p.set("hipaa", hipaa());
        return p;
    }

    private ObjectNode patientBio(int index, PatientTraits traits) {
        ObjectNode bio = nodes.objectNode();
        String[] place = pickOf(PLACES);
        boolean incomplete = traits.incompleteAddress.contains(index);
        boolean dropCity = incomplete && random.nextBoolean();
        boolean dropStreet = incomplete && !dropCity;
        if (!dropCity) {
            bio.put("city", place[0]);
        }
        bio.put("state", traits.fullStateName.contains(index) ? place[3] : place[1]);
        int gender = random.nextInt(GENDERS.length + 1);
        if (gender < GENDERS.length) {
            bio.put("gender", GENDERS[gender]);
        }
        bio.put("zip_code", random.nextInt(5) == 0 ? place[2] + "-" + digits(4) : place[2]);
        bio.put("new_patient", false);
        bio.put("non_patient", false);
        if (!traits.noDob.contains(index)) {
            LocalDate dob = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 80));
            bio.put("date_of_birth", dob.toString());
        }
        if (!dropStreet) {
            String street = street();
            // EHRs disagree on which street key they fill: some use address_line_1, some only street_address.
            bio.put("address_line_1", random.nextInt(10) < 7 ? street : "");
            bio.put("street_address", street);
        }
        bio.put("address_line_2", random.nextInt(5) == 0 ? pickOf(UNITS) : "");
        String phone = traits.invalidPhone.contains(index) ? "555-01" + digits(2)
                : formattedPhone() + (traits.phoneExtension.contains(index) ? " x" + (10 + random.nextInt(90)) : "");
        String[] phoneKeys = {"phone_number", "cell_phone_number", "home_phone_number", "work_phone_number"};
        int slot = random.nextInt(10);
        String phoneKey = slot < 6 ? phoneKeys[0] : slot < 8 ? phoneKeys[1] : slot < 9 ? phoneKeys[2] : phoneKeys[3];
        boolean emptyStringsForUnused = random.nextBoolean();
        for (String key : phoneKeys) {
            if (key.equals(phoneKey)) {
                bio.put(key, phone);
            } else if (emptyStringsForUnused) {
                bio.put(key, "");
            }
        }
        return bio;
    }

    private ObjectNode hipaa() {
        ObjectNode h = nodes.objectNode();
        boolean signed = random.nextInt(4) != 0;
        h.put("authorization", signed);
        h.put("privacy", signed);
        h.put("consent", signed);
        if (signed) {
            String date = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)).toString();
            h.put("authorization_date", date);
            h.put("privacy_date", date);
            h.put("consent_date", date);
        }
        return h;
    }

    private String formattedPhone() {
        int area = AREA_CODES[random.nextInt(AREA_CODES.length)];
        String line = "01" + digits(2);
        switch (random.nextInt(6)) {
            case 0:
                return area + "555" + line;
            case 1:
                return "(" + area + ") 555-" + line;
            case 2:
                return area + "-555-" + line;
            case 3:
                return area + ".555." + line;
            case 4:
                return "+1 " + area + " 555 " + line;
            default:
                return "1-" + area + "-555-" + line;
        }
    }

    private String phoneDigits() {
        return AREA_CODES[random.nextInt(AREA_CODES.length)] + "55501" + digits(2);
    }

    private String street() {
        return (1 + random.nextInt(9999)) + " " + pickOf(STREETS);
    }

    private String email(String first, String last, long id) {
        String local = ascii(first) + "." + ascii(last);
        if (local.length() < 3) {
            local = "patient";
        }
        return local + id % 1000 + "@" + pickOf(EMAIL_DOMAINS);
    }

    /** Lower-case ASCII letters only: strips accents, drops what has no ASCII form (e.g. CJK). */
    private static String ascii(String name) {
        String decomposed = Normalizer.normalize(name.replace("Ø", "O").replace("ø", "o").replace("Ł", "L")
                .replace("ł", "l"), Normalizer.Form.NFD);
        return decomposed.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private String digits(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    private <T> T pickOf(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
