package io.medsync.sandbox.nextgen;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.medsync.sandbox.nextgen.Chart.Dispense;
import io.medsync.sandbox.nextgen.Chart.Dosage;
import io.medsync.sandbox.nextgen.Chart.Medication;
import io.medsync.sandbox.nextgen.Chart.MedicationForm;
import io.medsync.sandbox.nextgen.Chart.Order;
import io.medsync.sandbox.nextgen.Chart.OrderStatus;
import io.medsync.sandbox.nextgen.Chart.Patient;
import io.medsync.sandbox.nextgen.Chart.Practitioner;

/**
 * The sandbox's charts in their version-neutral form, shared by the R4 and DSTU2 servers, with the mutation hooks
 * incremental-sync tests need. Every change stamps {@code lastUpdated} from the sandbox clock. Thread-safe.
 */
public final class NextGenCharts {

    private final Clock clock;
    private final Map<String, Patient> patients = new LinkedHashMap<>();
    private final Map<String, Practitioner> practitioners = new LinkedHashMap<>();
    private final Map<String, Medication> medications = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private int addedOrders;

    NextGenCharts(Clock clock) {
        this.clock = clock;
    }

    static NextGenCharts seeded(Clock clock, long seed, int patientCount) {
        NextGenCharts charts = new NextGenCharts(clock);
        NextGenChartSeed.seed(charts, seed, patientCount, clock.instant());
        return charts;
    }

    synchronized void put(Patient p) {
        patients.put(p.id(), p);
    }

    synchronized void put(Practitioner p) {
        practitioners.put(p.id(), p);
    }

    synchronized void put(Medication m) {
        medications.put(m.id(), m);
    }

    synchronized void put(Order o) {
        orders.put(o.id(), o);
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    public synchronized List<Patient> patients() {
        return List.copyOf(patients.values());
    }

    public synchronized List<Practitioner> practitioners() {
        return List.copyOf(practitioners.values());
    }

    public synchronized List<Medication> medications() {
        return List.copyOf(medications.values());
    }

    public synchronized List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized Optional<Patient> patient(String id) {
        return Optional.ofNullable(patients.get(id));
    }

    public synchronized Optional<Practitioner> practitioner(String id) {
        return Optional.ofNullable(practitioners.get(id));
    }

    public synchronized Optional<Medication> medication(String id) {
        return Optional.ofNullable(medications.get(id));
    }

    public synchronized Optional<Order> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    public synchronized List<Order> ordersOf(String patientId) {
        return orders.values().stream().filter(o -> o.patientId().equals(patientId)).toList();
    }

    public synchronized boolean hasPatient(String id) {
        return patients.containsKey(id);
    }

    // ---- mutations (tests) ---------------------------------------------------------------------------------------

    /** Adds an active order (inline RxNorm code, free-text dosage) for the patient; returns its id. */
    public synchronized String addMedicationOrder(String patientId, String rxNormCode, String medicationText,
            String requesterId) {
        requirePatient(patientId);
        if (requesterId != null && !practitioners.containsKey(requesterId)) {
            throw new IllegalArgumentException("Unknown practitioner " + requesterId);
        }
        String id = UUID.nameUUIDFromBytes(("added-order-" + ++addedOrders).getBytes()).toString();
        var now = clock.instant();
        orders.put(id, new Order(id, patientId, OrderStatus.ACTIVE, MedicationForm.CODEABLE_CONCEPT, rxNormCode,
                medicationText, null, new Dosage("Take 1 tablet by mouth once daily", null, null, null),
                new Dispense(new BigDecimal("30"), "tablet", 1, 30), requesterId,
                LocalDate.ofInstant(now, ZoneOffset.UTC), now));
        return id;
    }

    /** Bumps the patient's {@code lastUpdated} to now (as any chart edit would). */
    public synchronized void touchPatient(String patientId) {
        patients.put(patientId, requirePatient(patientId).touched(clock.instant()));
    }

    /** The patient died: {@code deceasedBoolean} true from now on, lastUpdated = now. */
    public synchronized void markDeceased(String patientId) {
        patients.put(patientId, requirePatient(patientId).died(clock.instant()));
    }

    /** A second practitioner record for the same person (same NPI and details, new id), as EHRs hold; returns its id. */
    public synchronized String addPractitionerLike(String practitionerId) {
        Practitioner like = requirePractitioner(practitionerId);
        String id = UUID.nameUUIDFromBytes(("added-practitioner-" + practitioners.size()).getBytes()).toString();
        practitioners.put(id, new Practitioner(id, like.given(), like.family(), like.npi(), like.address(), like.phone(),
                like.email(), clock.instant()));
        return id;
    }

    /** Changes a practitioner (fixes it at the source, say), lastUpdated = now. */
    public synchronized void updatePractitioner(String practitionerId, UnaryOperator<Practitioner> change) {
        Practitioner changed = change.apply(requirePractitioner(practitionerId));
        practitioners.put(practitionerId, new Practitioner(practitionerId, changed.given(), changed.family(),
                changed.npi(), changed.address(), changed.phone(), changed.email(), clock.instant()));
    }

    private Practitioner requirePractitioner(String practitionerId) {
        Practitioner p = practitioners.get(practitionerId);
        if (p == null) {
            throw new IllegalArgumentException("Unknown practitioner " + practitionerId);
        }
        return p;
    }

    public synchronized void updateMedicationStatus(String orderId, OrderStatus status) {
        Order order = orders.get(orderId);
        if (order == null) {
            throw new IllegalArgumentException("Unknown medication order " + orderId);
        }
        orders.put(orderId, order.withStatus(status, clock.instant()));
    }

    private Patient requirePatient(String patientId) {
        Patient p = patients.get(patientId);
        if (p == null) {
            throw new IllegalArgumentException("Unknown patient " + patientId);
        }
        return p;
    }
}
