package io.medsync.sandbox.nextgen;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.medsync.sandbox.Npi;
import io.medsync.sandbox.nextgen.Chart.Address;
import io.medsync.sandbox.nextgen.Chart.Dispense;
import io.medsync.sandbox.nextgen.Chart.Dosage;
import io.medsync.sandbox.nextgen.Chart.Gender;
import io.medsync.sandbox.nextgen.Chart.Medication;
import io.medsync.sandbox.nextgen.Chart.MedicationForm;
import io.medsync.sandbox.nextgen.Chart.Order;
import io.medsync.sandbox.nextgen.Chart.OrderStatus;
import io.medsync.sandbox.nextgen.Chart.Patient;
import io.medsync.sandbox.nextgen.Chart.Practitioner;

/**
 * Deterministic synthetic NextGen charts (same seed, same data; only {@code lastUpdated} follows the clock). The
 * first patients and practitioners carry the hard cases on purpose (unicode names, no given name, no or partial
 * birth date, unknown gender, partial address, missing or invalid NPI, every order status, the three medication
 * forms, free-text / structured / missing dosage, sparse dispense requests, no requester); the rest is random. All
 * people are invented; phones use the fictional 555-01xx range and emails the reserved example.* domains.
 */
final class NextGenChartSeed {

    private static final String[][] DRUGS = {
            {"197361", "Amlodipine 5 MG Oral Tablet"}, {"314076", "Lisinopril 10 MG Oral Tablet"},
            {"861007", "Metformin hydrochloride 500 MG Oral Tablet"}, {"617314", "Atorvastatin 10 MG Oral Tablet"},
            {"310965", "Ibuprofen 200 MG Oral Tablet"}, {"308136", "Amlodipine 2.5 MG Oral Tablet"},
            {"866514", "Metoprolol tartrate 50 MG Oral Tablet"},
            {"1719286", "Levothyroxine sodium 0.1 MG Oral Tablet"}};
    private static final String[] GIVEN = {"Ingrid", "Siobhán", "Renée", "François", "Chloé", "Björn", "Priya",
            "Wei", "Fatima", "Tomás", "Amara", "Declan", "Mary Kate", "Jean-Luc"};
    private static final String[] FAMILY = {"O'Brien", "Nguyễn", "García", "Østergaard", "Kowalski", "Okafor",
            "Hernández", "Lindqvist", "van der Berg", "Smith-Jones", "D'Angelo", "Patel"};
    private static final String[][] PLACES = {{"Austin", "TX", "78701"}, {"Denver", "CO", "80202"},
            {"Portland", "OR", "97201"}, {"Columbus", "OH", "43215"}, {"Boston", "MA", "02108"}};
    private static final OrderStatus[] RANDOM_STATUSES = {OrderStatus.ACTIVE, OrderStatus.ACTIVE, OrderStatus.ACTIVE,
            OrderStatus.ACTIVE, OrderStatus.STOPPED, OrderStatus.COMPLETED, OrderStatus.ON_HOLD};

    private final Random random;
    private final Instant now;
    private final List<Patient> patients = new ArrayList<>();
    private final List<Practitioner> practitioners = new ArrayList<>();
    private final List<Medication> medications = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();

    private NextGenChartSeed(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Fills {@code charts} with about {@code patientCount} patients (at least the hard cases). */
    static void seed(NextGenCharts charts, long seed, int patientCount, Instant now) {
        NextGenChartSeed s = new NextGenChartSeed(seed, now);
        s.build(Math.max(patientCount, 5));
        s.practitioners.forEach(charts::put);
        s.medications.forEach(charts::put);
        s.patients.forEach(charts::put);
        s.orders.forEach(charts::put);
    }

    private void build(int patientCount) {
        for (String[] drug : DRUGS) {
            medications.add(new Medication(id(), drug[0], drug[1], past()));
        }
        Address clinic = new Address(List.of("1200 Main Street", "Suite 300"), "Austin", "TX", "78701");
        practitioners.add(new Practitioner(id(), List.of("Ingrid"), "Østergaard", validNpi(), clinic, phone(),
                "i.ostergaard@clinic.example.com", past()));
        practitioners.add(new Practitioner(id(), List.of("Siobhán", "Marie"), "O'Brien", validNpi(), clinic, phone(),
                "s.obrien@clinic.example.com", past()));
        practitioners.add(new Practitioner(id(), List.of("Nguyễn"), "Văn An", null, null, null, null, past()));
        practitioners.add(new Practitioner(id(), List.of("Renée"), "Lindqvist", invalidNpi(),
                new Address(List.of("77 Elm Road"), "Denver", "CO", null), phone(), "r.lindqvist@clinic.example.org", past()));

        Patient zoe = patient(List.of("Zoë"), "Ångström-Nuñez", "1975-02-28", Gender.FEMALE, fullAddress(),
                "zoe.angstrom@example.com");
        Patient jose = patient(List.of("José", "Luis"), "Müller", "1962-11-03", Gender.MALE,
                new Address(List.of("9 Rue de la Paix"), "Portland", "OR", null), null);
        Patient lukasz = patient(List.of("Łukasz"), "Żółć", "1980-04", Gender.MALE, fullAddress(), null);
        Patient familyOnly = patient(List.of(), "Nakamura", "1990-07-15", Gender.UNKNOWN, null, null);
        Patient noBirthDate = patient(List.of("Anne-Marie"), "D'Angelo", null, Gender.OTHER, fullAddress(),
                "am.dangelo@example.org");

        Practitioner valid = practitioners.get(0);
        Practitioner valid2 = practitioners.get(1);
        Practitioner noNpi = practitioners.get(2);
        Practitioner badNpi = practitioners.get(3);
        Dosage freeText = new Dosage("Take 1 tablet by mouth twice daily", null, null, null);
        Dosage structured = new Dosage("Take 200 mg by mouth twice daily with food", new BigDecimal("200"), "mg", 2);
        orders.add(order(zoe, OrderStatus.ACTIVE, MedicationForm.CODEABLE_CONCEPT, freeText,
                new Dispense(new BigDecimal("60"), "tablet", 3, 30), valid.id()));
        orders.add(order(zoe, OrderStatus.ACTIVE, MedicationForm.CONTAINED, structured,
                new Dispense(new BigDecimal("30"), "tablet", 0, 30), valid2.id()));
        orders.add(order(zoe, OrderStatus.STOPPED, MedicationForm.REFERENCE, null,
                new Dispense(new BigDecimal("90"), "tablet", null, null), valid.id()));
        orders.add(order(zoe, OrderStatus.COMPLETED, MedicationForm.CODEABLE_CONCEPT, freeText,
                new Dispense(null, null, null, null), null));
        orders.add(order(jose, OrderStatus.ACTIVE, MedicationForm.REFERENCE, structured,
                new Dispense(new BigDecimal("28"), "tablet", 3, null), noNpi.id()));
        orders.add(order(jose, OrderStatus.ON_HOLD, MedicationForm.CODEABLE_CONCEPT, freeText, randomDispense(),
                valid.id()));
        orders.add(order(jose, OrderStatus.ENTERED_IN_ERROR, MedicationForm.CONTAINED, freeText, randomDispense(),
                valid.id()));
        orders.add(order(lukasz, OrderStatus.ACTIVE, MedicationForm.CONTAINED, freeText, randomDispense(),
                badNpi.id()));
        orders.add(order(lukasz, OrderStatus.DRAFT, MedicationForm.CODEABLE_CONCEPT, null, randomDispense(),
                valid2.id()));
        orders.add(order(noBirthDate, OrderStatus.ACTIVE, MedicationForm.REFERENCE, freeText, randomDispense(),
                valid2.id()));
        // familyOnly has no orders at all.

        for (int i = patients.size(); i < patientCount; i++) {
            Patient p = patient(List.of(pick(GIVEN)), pick(FAMILY), randomBirthDate(), random.nextBoolean()
                    ? Gender.FEMALE : Gender.MALE, fullAddress(), random.nextBoolean() ? null : "patient" + i
                    + "@example.net");
            int count = random.nextInt(5);
            for (int k = 0; k < count; k++) {
                MedicationForm form = MedicationForm.values()[random.nextInt(3)];
                Dosage dosage = switch (random.nextInt(3)) {
                    case 0 -> freeText;
                    case 1 -> structured;
                    default -> null;
                };
                orders.add(order(p, RANDOM_STATUSES[random.nextInt(RANDOM_STATUSES.length)], form, dosage,
                        randomDispense(), practitioners.get(random.nextInt(practitioners.size())).id()));
            }
        }
    }

    private Patient patient(List<String> given, String family, String birthDate, Gender gender, Address address,
            String email) {
        Patient p = new Patient(id(), "MRN" + (100000 + patients.size() * 7 + random.nextInt(7)), given, family,
                birthDate, gender, address, phone(), email, past(), false);
        patients.add(p);
        return p;
    }

    private Order order(Patient patient, OrderStatus status, MedicationForm form, Dosage dosage, Dispense dispense,
            String requesterId) {
        Medication drug = medications.get(random.nextInt(medications.size()));
        Instant updated = past();
        LocalDate authored = LocalDate.ofInstant(updated.minus(Duration.ofDays(random.nextInt(30))), ZoneOffset.UTC);
        return new Order(id(), patient.id(), status, form, drug.rxNormCode(), drug.display(),
                form == MedicationForm.REFERENCE ? drug.id() : null, dosage, dispense, requesterId, authored,
                updated);
    }

    private Dispense randomDispense() {
        Integer[] repeats = {0, 3, null};
        Integer[] days = {30, null};
        return new Dispense(new BigDecimal(30 + random.nextInt(4) * 30), "tablet", repeats[random.nextInt(3)],
                days[random.nextInt(2)]);
    }

    private Address fullAddress() {
        String[] place = pick(PLACES);
        return new Address(List.of((100 + random.nextInt(900)) + " Oak Avenue"), place[0], place[1], place[2]);
    }

    private String randomBirthDate() {
        return LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
    }

    private String phone() {
        return String.format("+1-512-555-01%02d", random.nextInt(100));
    }

    private String validNpi() {
        String body = "1" + String.format("%08d", random.nextInt(100_000_000));
        return body + Npi.checkDigit(body);
    }

    private String invalidNpi() {
        String valid = validNpi();
        int wrong = (valid.charAt(9) - '0' + 1) % 10;
        return valid.substring(0, 9) + wrong;
    }

    /** Somewhere in the last 90 days, so a test's "changed since now" filter excludes the seed. */
    private Instant past() {
        return now.minus(Duration.ofMinutes(60 + random.nextInt(90 * 24 * 60)));
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
