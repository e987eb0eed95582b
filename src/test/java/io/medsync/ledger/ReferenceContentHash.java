package io.medsync.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The content hash as medsync computed it up to issue 16, in three passes (tree, then a Map with sorted keys, then
 * bytes). Kept as the reference the faster {@link ContentHash} must match byte for byte: a single different hash
 * would show every delivered record as drifted after an upgrade.
 */
public final class ReferenceContentHash {

    private static final Set<String> IGNORED = Set.of("updated_at", "created_at", "last_sync_time",
            "practitionerOfRecord");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .build();

    private ReferenceContentHash() {
    }

    public static String of(Object record) {
        JsonNode tree = CANONICAL.valueToTree(record);
        if (tree instanceof ObjectNode object) {
            object.remove(IGNORED);
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
            String prefix = String.format("m%02d", ContentHash.MAPPING_VERSION);
            return prefix + hex.substring(0, hex.length() - prefix.length());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash record", e);
        }
    }
}
