package io.medsync.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * SHA-256 over a canonical JSON form of a source record. Bookkeeping timestamps and what medsync derives itself
 * ({@code practitionerOfRecord}) are left out, so that a record touched without a real change is not mistaken for
 * drift.
 * <p>
 * Versioned: a hash is {@code m} and the two-digit version ({@code m02}) followed by 61 hex digits of the SHA-256
 * (still 64 characters, the ledger's column width). When a source record's shape changes (a mapping release reads
 * more of the source), the version goes up, and a record delivered under an older version is re-baselined silently
 * by the ledger instead of being reported as drifted once after the upgrade ({@link #isOlderVersion}). Hashes written before versioning (64
 * hex digits) count as version 1.
 */
public final class ContentHash {

    /**
     * The mapping version of the hashes written now. 2: FHIR orders carry every dosage instruction's structure,
     * intent and the contained prescriber (issue 15).
     */
    static final int MAPPING_VERSION = 2;
    private static final String PREFIX = String.format("m%02d", MAPPING_VERSION);

    private static final Set<String> IGNORED = Set.of("updated_at", "created_at", "last_sync_time",
            "practitionerOfRecord");
    /**
     * The tree's objects are written with their keys sorted: the same bytes as converting the tree to sorted Maps
     * first (the form up to issue 16, proven identical in {@code ContentHashIdentityTest}), with one conversion less.
     */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private ContentHash() {
    }

    public static String of(Object record) {
        JsonNode tree = CANONICAL.valueToTree(record);
        if (tree instanceof ObjectNode object) {
            object.remove(IGNORED);
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(tree);
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
            return PREFIX + hex.substring(0, hex.length() - PREFIX.length());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash record", e);
        }
    }

    /**
     * True when {@code stored} was computed by an older mapping version than the current one: a difference then
     * says nothing about the source, and the record's baseline is renewed without a drift report.
     */
    public static boolean isOlderVersion(String stored) {
        if (stored == null) {
            return false;
        }
        if (UNVERSIONED.matcher(stored).matches()) {
            return true; // written before versions existed
        }
        java.util.regex.Matcher m = VERSIONED.matcher(stored);
        return m.lookingAt() && Integer.parseInt(m.group(1)) < MAPPING_VERSION;
    }

    private static final java.util.regex.Pattern UNVERSIONED = java.util.regex.Pattern.compile("^[0-9a-f]{64}$");
    private static final java.util.regex.Pattern VERSIONED = java.util.regex.Pattern.compile("^m([0-9]{2})");
}
