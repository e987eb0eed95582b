package io.medsync.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.medsync.crypto.RotationResult.TableRotation;

/**
 * Re-seals stored payloads (ledger records, dead letters, NextGen tokens, NovaMed tracking URLs) that are not under the active key, so a retired key
 * can be dropped from the ring. Works in batches, one transaction each, walking the table by id so rows that
 * cannot be opened are skipped once rather than re-read forever; those are counted and left untouched.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final int DEFAULT_BATCH_SIZE = 500;
    // Table names are these constants, never input: they are concatenated into the SQL.
    private static final String LEDGER_RECORDS = "ledger_record";
    private static final String DEAD_LETTERS = "dead_letter";

    private final DataSource dataSource;
    private final PayloadCipher cipher;
    private final int batchSize;

    @Inject
    KeyRotation(DataSource dataSource, PayloadCipher cipher) {
        this(dataSource, cipher, DEFAULT_BATCH_SIZE);
    }

    KeyRotation(DataSource dataSource, PayloadCipher cipher, int batchSize) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.batchSize = batchSize;
    }

    public RotationResult reencrypt() {
        String active = cipher.activeKeyId();
        TableRotation ledger = reencrypt(LEDGER_RECORDS, active);
        TableRotation deadLetters = reencrypt(DEAD_LETTERS, active);
        return new RotationResult(active, ledger, deadLetters, reencryptTokens(active), reencryptTrackingUrls(active));
    }

    /** How a row's sealing context is built, per sealed column. */
    private interface ContextOf {
        String of(ResultSet row, String column) throws SQLException;
    }

    /** NextGen enrolments hold two sealed tokens per row, both under {@code token_key_id}. */
    private TableRotation reencryptTokens(String active) {
        return reencryptColumns("nextgen_enrolment", "token_key_id", List.of("access_token", "refresh_token"),
                (row, column) -> PayloadContext.nextGenToken(row.getString("tenant_id"), row.getString("patient_id"),
                        column.substring(0, column.indexOf('_'))), active);
    }

    /** NovaMed shipment tracking URLs (a tracking page can show the delivery address). */
    private TableRotation reencryptTrackingUrls(String active) {
        return reencryptColumns("novamed_event", "tracking_key_id", List.of("tracking_url"),
                (row, column) -> PayloadContext.novaMedTracking(row.getString("event_name"), row.getString("event_key")),
                active);
    }

    /**
     * Re-seals {@code columns} (all under {@code keyColumn}) of every row not under the active key, one row per
     * update, guarded by the old key id and first column so a row changed meanwhile keeps its new value.
     */
    private TableRotation reencryptColumns(String table, String keyColumn, List<String> columns, ContextOf contexts,
            String active) {
        int reencrypted = 0;
        int failed = 0;
        String first = columns.get(0);
        String update = "update " + table + " set " + keyColumn + " = ?, "
                + String.join(", ", columns.stream().map(c -> c + " = ?").toList())
                + " where id = ? and " + keyColumn + " = ? and " + first + " = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement("select * from " + table + " where " + keyColumn
                        + " is not null and " + keyColumn + " <> ? order by id");
                PreparedStatement write = c.prepareStatement(update)) {
            read.setString(1, active);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String keyId = rs.getString(keyColumn);
                    try {
                        write.setString(1, active);
                        for (int i = 0; i < columns.size(); i++) {
                            String sealed = rs.getString(columns.get(i));
                            write.setString(i + 2, sealed == null ? null
                                    : reseal(keyId, sealed, contexts.of(rs, columns.get(i))));
                        }
                        write.setLong(columns.size() + 2, rs.getLong("id"));
                        write.setString(columns.size() + 3, keyId);
                        write.setString(columns.size() + 4, rs.getString(first));
                        reencrypted += write.executeUpdate();
                    } catch (PayloadCipherException e) {
                        LOG.warnf("%s row %d: values under key %s cannot be opened; left as they are", table,
                                rs.getLong("id"), KeyRing.describe(keyId));
                        failed++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key rotation of " + table + " failed", e);
        }
        return new TableRotation(reencrypted, failed);
    }

    private String reseal(String keyId, String ciphertext, String context) {
        return cipher.seal(cipher.open(keyId, ciphertext, context), context).ciphertext();
    }

    private TableRotation reencrypt(String table, String active) {
        String select = "select id, tenant_id, source_system, resource_type, source_id, payload_key_id, payload"
                + " from " + table
                + " where payload is not null and (payload_key_id is null or payload_key_id <> ?) and id > ?"
                + " order by id limit " + batchSize;
        String update = "update " + table + " set payload_key_id = ?, payload = ?"
                + " where id = ? and payload_key_id = ? and payload = ?";
        int reencrypted = 0;
        int failed = 0;
        long afterId = Long.MIN_VALUE;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement(select);
                    PreparedStatement write = c.prepareStatement(update)) {
                while (true) {
                    List<StoredPayload> batch = readBatch(read, active, afterId);
                    if (batch.isEmpty()) {
                        break;
                    }
                    int queued = 0;
                    for (StoredPayload row : batch) {
                        if (reseal(table, row, write)) {
                            queued++;
                        } else {
                            failed++;
                        }
                    }
                    if (queued > 0) {
                        reencrypted += updatedRows(write.executeBatch());
                    }
                    c.commit();
                    afterId = batch.get(batch.size() - 1).id();
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key rotation of " + table + " failed", e);
        }
        LOG.infof("key rotation of %s to key %s: %d re-encrypted, %d could not be opened", table, active,
                reencrypted, failed);
        return new TableRotation(reencrypted, failed);
    }

    private List<StoredPayload> readBatch(PreparedStatement read, String active, long afterId) throws SQLException {
        read.setString(1, active);
        read.setLong(2, afterId);
        List<StoredPayload> batch = new ArrayList<>();
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                batch.add(new StoredPayload(rs.getLong("id"),
                        PayloadContext.of(rs.getString("tenant_id"), rs.getString("source_system"),
                                rs.getString("resource_type"), rs.getString("source_id")),
                        rs.getString("payload_key_id"), rs.getString("payload")));
            }
        }
        return batch;
    }

    /** Queues the re-sealed row on {@code write}; false (and the row untouched) when it cannot be opened. */
    private boolean reseal(String table, StoredPayload row, PreparedStatement write) throws SQLException {
        SealedPayload resealed;
        try {
            resealed = cipher.seal(cipher.open(row.keyId(), row.payload(), row.context()), row.context());
        } catch (PayloadCipherException e) {
            // Row id and key id only: the context is a record key, the payload is PHI.
            LOG.warnf("%s row %d: payload under key %s cannot be opened; left as it is", table, row.id(),
                    KeyRing.describe(row.keyId()));
            return false;
        }
        write.setString(1, resealed.keyId());
        write.setString(2, resealed.ciphertext());
        write.setLong(3, row.id());
        write.setString(4, row.keyId());
        write.setString(5, row.payload());
        write.addBatch();
        return true;
    }

    /** A row changed since it was read (its update matched nothing) is not counted: the new value wins. */
    private static int updatedRows(int[] counts) {
        int updated = 0;
        for (int count : counts) {
            if (count != 0) {
                updated++;
            }
        }
        return updated;
    }

    private record StoredPayload(long id, String context, String keyId, String payload) {
    }
}
