package io.medsync.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * SHA-256 over a canonical JSON form of a source record. Bookkeeping timestamps and what medsync derives itself
 * ({@code practitionerOfRecord}) are left out, so that a record touched without a real change is not mistaken for
 * drift.
 */
public final class ContentHash {

    private static final Set<String> IGNORED = Set.of("updated_at", "created_at", "last_sync_time",
            "practitionerOfRecord");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .build();

    private ContentHash() {
    }

    public static String of(Object record) {
        JsonNode tree = CANONICAL.valueToTree(record);
        if (tree instanceof ObjectNode object) {
            object.remove(IGNORED);
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash record", e);
        }
    }
}
