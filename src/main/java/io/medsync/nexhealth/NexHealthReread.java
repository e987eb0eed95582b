package io.medsync.nexhealth;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.Redelivery;
import io.medsync.pipeline.SourceReread;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/** A replayed NexHealth provider or patient is read from NexHealth again (at the tenant's first location that has it). */
@ApplicationScoped
class NexHealthReread implements SourceReread {

    private final NexHealthClient client;
    private final Redelivery redelivery;

    NexHealthReread(NexHealthClient client, Redelivery redelivery) {
        this.client = client;
        this.redelivery = redelivery;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXHEALTH;
    }

    @Override
    public Optional<String> reread(Tenant tenant, RecordKey key, Object stored, Long replayOf) {
        long id;
        try {
            id = Long.parseLong(key.sourceId());
        } catch (NumberFormatException e) {
            return Optional.of("the record's NexHealth id is not a number");
        }
        Optional<?> record = switch (key.resourceType()) {
            case PROVIDER -> atAnyLocation(tenant, location -> client.provider(tenant, location, id));
            case PATIENT -> atAnyLocation(tenant, location -> client.patient(tenant, location, id))
                    .map(NexHealthPatientDetail::patient);
            default -> null;
        };
        if (record == null) {
            return Optional.of("NexHealth " + key.resourceType().label() + " records are not read again");
        }
        if (record.isEmpty()) {
            return Optional.of("NexHealth no longer has it");
        }
        redelivery.send(Delivery.of(tenant, key, ContentHash.of(record.get()), record.get()), replayOf);
        return Optional.empty();
    }

    private static <T> Optional<T> atAnyLocation(Tenant tenant, Function<NexHealthLocation, Optional<T>> read) {
        return tenant.nexHealthLocations().stream().map(read).flatMap(Optional::stream).findFirst();
    }
}
