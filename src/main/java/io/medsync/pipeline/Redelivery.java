package io.medsync.pipeline;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.PayloadVault;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.crypto.SealedPayload;
import io.medsync.tenant.TenantRegistry;

/**
 * Sends a record through the whole pipeline (again) (ledger check included): dead-letter replay, release of
 * parked and in-doubt records, and recovery of records a crash left in flight all come through here.
 */
@ApplicationScoped
public class Redelivery {

    private static final java.util.Set<RecordState> ALREADY_IN_NOVAMED = java.util.EnumSet.of(RecordState.DELIVERED,
            RecordState.DRIFTED);

    private final Ledger ledger;
    private final PayloadVault vault;
    private final RecordKinds kinds;
    private final TenantRegistry tenants;
    private final ProducerTemplate producer;

    Redelivery(Ledger ledger, PayloadVault vault, RecordKinds kinds, TenantRegistry tenants,
            ProducerTemplate producer) {
        this.ledger = ledger;
        this.vault = vault;
        this.kinds = kinds;
        this.tenants = tenants;
        this.producer = producer;
    }

    /**
     * @param replayOf the dead letter being replayed, linked from a new dead letter if it fails again (or null)
     * @return the record's ledger state afterwards
     */
    public RecordState redeliver(RecordKey key, SealedPayload payload, Long replayOf) {
        Optional<RecordState> current = ledger.find(key).map(LedgerEntry::state);
        if (current.isPresent() && ALREADY_IN_NOVAMED.contains(current.get())) {
            // Replaying twice, or replaying what a later sync delivered, must not create a second copy.
            return current.get();
        }
        Delivery delivery = stored(key, payload);
        if (current.isPresent()) {
            ledger.release(key);
        }
        send(delivery, replayOf);
        return ledger.find(key).map(LedgerEntry::state).orElseThrow();
    }

    /**
     * Sends one record through its delivery route (ledger check first), outside any sync run: targeted syncs and
     * every redelivery use this. Record-level failures end in the ledger; only a pipeline failure throws.
     */
    public void send(Delivery delivery, Long replayOf) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.getMessage().setBody(delivery);
        if (replayOf != null) {
            exchange.setProperty(MedsyncExchange.REPLAY_OF, replayOf);
        }
        Exchange done = producer.send(kinds.endpoint(delivery), exchange);
        if (done.getException() != null) {
            throw new IllegalStateException("delivery of " + delivery.key() + " failed: "
                    + done.getException().getClass().getSimpleName());
        }
    }

    /**
     * A parked record whose dependency arrived, read back from the payload the ledger kept for it and released (its
     * next ledger check answers RETRY); empty when no payload was kept.
     */
    public Optional<Delivery> releaseStored(RecordKey key) {
        return ledger.storedPayload(key).map(payload -> {
            Delivery delivery = stored(key, payload);
            ledger.release(key);
            return delivery;
        });
    }

    private Delivery stored(RecordKey key, SealedPayload payload) {
        return kinds.toDelivery(tenants.get(key.tenantId()), key, vault.open(key, payload));
    }

    /** Redelivers a record from the payload the ledger kept for it (parked, in doubt, in flight). */
    public Optional<RecordState> redeliverStored(RecordKey key) {
        return ledger.storedPayload(key).map(payload -> redeliver(key, payload, null));
    }
}
