package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sync cursors. A page cursor is saved only after every record of the page is in the ledger, and the watermark
 * moves only when a run completes, so a crash resumes at the last whole page and never skips a record.
 */
@ApplicationScoped
public class CursorStore {

    private final DataSource dataSource;

    CursorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SyncCursor load(CursorKey key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select watermark, page_cursor, run_started_at from sync_cursor"
                        + " where " + WHERE)) {
            bind(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SyncCursor.NONE;
                }
                return new SyncCursor(instant(rs.getTimestamp(1)), rs.getString(2), instant(rs.getTimestamp(3)));
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read cursor " + key, e);
        }
    }

    /** Records that a run started at {@code runStartedAt} has fully processed the page ending at {@code pageCursor}. */
    public void savePage(CursorKey key, Instant watermark, String pageCursor, Instant runStartedAt) {
        upsert(key, watermark, pageCursor, runStartedAt);
    }

    /** Ends a run: the next one pulls what changed at or after {@code newWatermark}. */
    public void complete(CursorKey key, Instant newWatermark) {
        upsert(key, newWatermark, null, null);
    }

    private void upsert(CursorKey key, Instant watermark, String pageCursor, Instant runStartedAt) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update sync_cursor set watermark = ?, page_cursor = ?,"
                    + " run_started_at = ?, updated_at = ? where " + WHERE)) {
                update.setTimestamp(1, timestamp(watermark));
                update.setString(2, pageCursor);
                update.setTimestamp(3, timestamp(runStartedAt));
                update.setTimestamp(4, now);
                bind(update, 5, key);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into sync_cursor (tenant_id, source_system,"
                    + " resource_type, scope, watermark, page_cursor, run_started_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, 1, key);
                insert.setTimestamp(5, timestamp(watermark));
                insert.setString(6, pageCursor);
                insert.setTimestamp(7, timestamp(runStartedAt));
                insert.setTimestamp(8, now);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot save cursor " + key, e);
        }
    }

    private static final String WHERE = "tenant_id = ? and source_system = ? and resource_type = ? and scope = ?";

    private static void bind(PreparedStatement ps, int first, CursorKey key) throws SQLException {
        ps.setString(first, key.tenantId());
        ps.setString(first + 1, key.sourceSystem().name());
        ps.setString(first + 2, key.resourceType().name());
        ps.setString(first + 3, key.scope());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
