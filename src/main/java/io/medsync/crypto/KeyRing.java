package io.medsync.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The AES-256 keys by id, parsed from {@code medsync.encryption.keys} ({@code id:base64Key,...}), and the id of the
 * one that seals new payloads. Error messages name the property and at most a key id or an entry's position:
 * an entry or a key could be secret, so neither is ever echoed.
 */
final class KeyRing {

    static final String KEYS_PROPERTY = "medsync.encryption.keys";
    static final String ACTIVE_KEY_PROPERTY = "medsync.encryption.active-key";
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private KeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    static KeyRing parse(String entries, String activeKeyId) {
        if (entries == null || entries.isBlank()) {
            throw new ConfigurationException(KEYS_PROPERTY + " is not set: it needs at least one keyId:base64Key"
                    + " entry (set MEDSYNC_ENCRYPTION_KEYS)");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] parts = entries.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String entry = parts[i].trim();
            int position = i + 1;
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new ConfigurationException(KEYS_PROPERTY + " entry " + position
                        + " is malformed: expected keyId:base64Key");
            }
            String id = entry.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new ConfigurationException(KEYS_PROPERTY + " entry " + position
                        + " has an invalid key id: expected 1 to 32 of [A-Za-z0-9_-]");
            }
            SecretKey key = decodeKey(id, entry.substring(colon + 1).trim());
            if (keys.putIfAbsent(id, key) != null) {
                throw new ConfigurationException(KEYS_PROPERTY + " has key id '" + id + "' more than once");
            }
        }
        String active = activeKeyId == null ? "" : activeKeyId.trim();
        if (active.isEmpty()) {
            throw new ConfigurationException(ACTIVE_KEY_PROPERTY + " is not set (set MEDSYNC_ENCRYPTION_ACTIVE_KEY)");
        }
        if (!keys.containsKey(active)) {
            throw new ConfigurationException(ACTIVE_KEY_PROPERTY + " names a key id that is not in " + KEYS_PROPERTY);
        }
        return new KeyRing(Map.copyOf(keys), active);
    }

    private static SecretKey decodeKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes a character of the key: not chained on purpose.
            throw new ConfigurationException(KEYS_PROPERTY + " key '" + id + "' is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new ConfigurationException(KEYS_PROPERTY + " key '" + id + "' must be " + KEY_BYTES
                    + " bytes (AES-256) of base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** A key id read from a row is echoed only if it looks like a key id: the column could hold anything. */
    static String describe(String keyId) {
        if (keyId == null) {
            return "<none>";
        }
        return KEY_ID.matcher(keyId).matches() ? keyId : "<not a key id>";
    }

    String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> find(String keyId) {
        return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public String toString() {
        return "KeyRing[ids=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
