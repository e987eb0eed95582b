package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.crypto.SealedPayload;

/** The dead-letter store's behaviour, run against each real database the ledger supports. */
abstract class DeadLetterStoreContract {

    @Inject
    DeadLetterStore store;

    @Inject
    Ledger ledger;

    private final String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);

    private RecordKey key(String id) {
        return new RecordKey(tenant, SourceSystem.NEXHEALTH, ResourceType.PATIENT, id);
    }

    @Test
    void aDeadLetterKeepsItsReasonStatusAttemptsAndEncryptedPayload() {
        long id = store.add(key("1"), "push", "NovaMed rejected the request (HTTP 400)", 400, 3,
                new SealedPayload("k1", "Y2lwaGVy"), null);

        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.key()).isEqualTo(key("1"));
        assertThat(letter.stage()).isEqualTo("push");
        assertThat(letter.httpStatus()).isEqualTo(400);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(store.payload(id)).contains(new SealedPayload("k1", "Y2lwaGVy"));
    }

    @Test
    void aFailedRecordAndItsDeadLetterCommitTogether() {
        ledger.check(key("20"), "hash-20");
        long id = store.failRecord(ledger, key("20"), "push", "NovaMed rejected the request (HTTP 400)", 400, null,
                null);
        assertThat(ledger.find(key("20")).orElseThrow().state()).isEqualTo(RecordState.FAILED);
        assertThat(store.find(id).orElseThrow().key()).isEqualTo(key("20"));

        // The dead letter cannot be written (a stage longer than its column): the record is not marked failed
        // either, so the next run tries it again instead of finding it failed with nothing to replay.
        ledger.check(key("21"), "hash-21");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.failRecord(ledger, key("21"), "x".repeat(200),
                "r", 400, null, null)).isInstanceOf(LedgerException.class);
        assertThat(ledger.find(key("21")).orElseThrow().state()).isEqualTo(RecordState.PENDING);
        assertThat(store.list(new DeadLetterFilter(tenant, null, null, null, null, 100)))
                .noneMatch(letter -> letter.key().equals(key("21")));
    }

    @Test
    void listingFiltersByTenantStageStatusAndTime() {
        Instant before = Instant.now().minusSeconds(1);
        long push = store.add(key("2"), "push", "r", 400, 1, null, null);
        store.add(key("3"), "map", "r", null, 0, null, null);
        long replayOf = store.add(key("4"), "push", "r", 500, 4, null, push);

        assertThat(store.list(new DeadLetterFilter(tenant, null, null, null, null, 100))).hasSize(3);
        assertThat(store.list(new DeadLetterFilter(tenant, "push", DeadLetter.Status.OPEN, before, null, 100)))
                .extracting(DeadLetter::id).containsExactly(push, replayOf);
        assertThat(store.find(replayOf).orElseThrow().replayOf()).isEqualTo(push);
        assertThat(store.list(new DeadLetterFilter(tenant, null, null, null, before, 100))).isEmpty();
    }

    @Test
    void closingIsOnceOnlyAndPruningRemovesOldLettersEvenWhenReplaysPointAtThem() {
        long original = store.add(key("5"), "push", "r", 400, 1, null, null);
        long replay = store.add(key("5"), "push", "r", 400, 2, null, original);

        // A record keeps one open dead letter: the replay's failure closed the one it replayed.
        assertThat(store.find(original).orElseThrow().status()).isEqualTo(DeadLetter.Status.REPLAYED);
        assertThat(store.close(original, DeadLetter.Status.DISCARDED)).isFalse();
        assertThat(store.openBacklog()).containsEntry(tenant, 1L);
        assertThat(store.close(replay, DeadLetter.Status.DISCARDED)).isTrue();
        assertThat(store.close(replay, DeadLetter.Status.DISCARDED)).isFalse();

        assertThat(store.pruneCreatedBefore(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(2);
        assertThat(store.find(original)).isEmpty();
        assertThat(store.find(replay)).isEmpty();
    }

    @Test
    void aRecordHasOneOpenDeadLetterAndItsDeliveryResolvesIt() {
        long first = store.add(key("6"), "map", "r", null, 0, null, null);
        long second = store.add(key("6"), "push", "r", 400, 1, null, null);

        assertThat(store.find(first).orElseThrow().status()).isEqualTo(DeadLetter.Status.SUPERSEDED);
        assertThat(store.find(second).orElseThrow().status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(store.resolve(key("6"), second)).as("the letter being replayed is left to its replay").isZero();
        assertThat(store.resolve(key("6"), null)).isEqualTo(1);
        assertThat(store.find(second).orElseThrow().status()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(store.find(second).orElseThrow().closedAt()).isNotNull();
    }
}
