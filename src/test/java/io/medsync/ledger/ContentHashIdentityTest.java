package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.medsync.nexhealth.NexHealthAppointment;
import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.sandbox.SandboxSeed;

/**
 * {@link ContentHash} writes its canonical form in one pass over the record's tree; it must give exactly the hash the
 * earlier three-pass form gave ({@link ReferenceContentHash}), or every record delivered before the upgrade would read
 * as drifted (or as changed, and be sent again).
 */
class ContentHashIdentityTest {

    private static final ObjectMapper SOURCE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Property(tries = 500)
    void anyDocumentHashesAsBefore(@ForAll("documents") Map<String, Object> document) {
        assertThat(ContentHash.of(document)).isEqualTo(ReferenceContentHash.of(document));
        // The same document as a tree in its given key order (a Map's keys are sorted already on the way in).
        JsonNode tree = SOURCE_JSON.valueToTree(document);
        assertThat(ContentHash.of(unsorted(document))).isEqualTo(ReferenceContentHash.of(tree));
    }

    /** The document as JSON nodes, keys in insertion order (a source record may carry such a tree). */
    private static JsonNode unsorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            map.forEach((k, v) -> node.set((String) k, unsorted(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            list.forEach(v -> node.add(unsorted(v)));
            return node;
        }
        return SOURCE_JSON.valueToTree(value);
    }

    @Example
    void everySeededNexHealthRecordHashesAsBefore() throws Exception {
        SandboxSeed.Data seed = SandboxSeed.generate(new SandboxSeed.Plan(7, 20, 1_000, 1_500, 4001, 4002,
                Instant.parse("2026-06-01T12:00:00Z")));
        List<Object> records = new ArrayList<>();
        for (ObjectNode provider : seed.providers()) {
            records.add(SOURCE_JSON.treeToValue(provider, NexHealthProvider.class));
        }
        for (ObjectNode patient : seed.patients()) {
            records.add(SOURCE_JSON.treeToValue(patient, NexHealthPatient.class));
        }
        for (ObjectNode appointment : seed.appointments()) {
            records.add(SOURCE_JSON.treeToValue(appointment, NexHealthAppointment.class));
        }
        assertThat(records).hasSizeGreaterThan(2_000);
        for (Object record : records) {
            assertThat(ContentHash.of(record)).as("%s", record.getClass().getSimpleName())
                    .isEqualTo(ReferenceContentHash.of(record));
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        return object(3);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("updated_at", "created_at", "last_sync_time", "practitionerOfRecord", "id", "Id", "a",
                        "B", "_", "é", "z1", "10", "9"),
                Arbitraries.strings().ofMaxLength(8));
        return Arbitraries.maps(keys, value(depth)).ofMaxSize(6).map(LinkedHashMap::new);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.floats().map(f -> (Object) f),
                Arbitraries.bigDecimals().map(b -> (Object) b),
                Arbitraries.bigIntegers().map(b -> (Object) b),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(Instant.parse("2026-01-02T03:04:05.123456Z")).map(i -> (Object) i),
                Arbitraries.just("").map(s -> (Object) null));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(1, object(depth - 1).map(m -> (Object) m)),
                Tuple.of(1, value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)));
    }
}
