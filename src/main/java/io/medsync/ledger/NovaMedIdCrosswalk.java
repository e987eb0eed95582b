package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records delivered without a NovaMed id ("already exists" answers) and how they get one: the tenant's NPI → NovaMed
 * practitioner crosswalk (filled on every delivered practitioner), and the id an operator sets by hand. A record
 * whose NovaMed id is unknown blocks its dependents (their crosswalk lookup finds no id), so setting it matters.
 */
@ApplicationScoped
public class NovaMedIdCrosswalk {

    private static final String KEY_WHERE = "tenant_id = ? and source_system = ? and resource_type = ? and source_id = ?";
    private static final int MAX_NOTE_LENGTH = 512;

    /** A delivered record without a NovaMed id and the number of parked records waiting for it. */
    public record UnknownId(LedgerEntry record, long blockedDependents) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;

    NovaMedIdCrosswalk(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** The practitioner record {@code practitioner} has {@code npi}; {@code novaMedId} null while unknown. */
    public void rememberNpi(RecordKey practitioner, String npi, String novaMedId) {
        try (Connection c = dataSource.getConnection()) {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement update = c.prepareStatement("update practitioner_npi set npi = ?,"
                    + " novamed_id = coalesce(?, novamed_id), updated_at = ?"
                    + " where tenant_id = ? and source_system = ? and source_id = ?")) {
                update.setString(1, npi);
                update.setString(2, novaMedId);
                update.setTimestamp(3, now);
                bindPractitioner(update, 4, practitioner);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into practitioner_npi (npi, novamed_id,"
                    + " updated_at, tenant_id, source_system, source_id) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, npi);
                insert.setString(2, novaMedId);
                insert.setTimestamp(3, now);
                bindPractitioner(insert, 4, practitioner);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            // A concurrent insert of the same practitioner wins: the NPI is the same either way.
            if (!UniqueKeyViolation.is(e)) {
                throw new LedgerException("cannot record the NPI of " + practitioner, e);
            }
        }
    }

    /** The NovaMed practitioner id known for {@code npi} in the tenant. */
    public Optional<String> practitionerIdForNpi(String tenantId, String npi) {
        return strings("select novamed_id from practitioner_npi where tenant_id = ? and npi = ? and novamed_id is not"
                + " null order by updated_at", tenantId, npi).stream().findFirst();
    }

    /** Practitioner records with {@code npi} whose NovaMed id is still unknown. */
    public List<RecordKey> awaitingNpi(String tenantId, String npi) {
        List<RecordKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select source_system, source_id from practitioner_npi"
                        + " where tenant_id = ? and npi = ? and novamed_id is null")) {
            ps.setString(1, tenantId);
            ps.setString(2, npi);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new RecordKey(tenantId, SourceSystem.valueOf(rs.getString(1)), ResourceType.PROVIDER,
                            rs.getString(2)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NPI crosswalk of tenant " + tenantId, e);
        }
    }

    public Optional<String> npiOf(RecordKey practitioner) {
        return strings("select npi from practitioner_npi where tenant_id = ? and source_system = ? and source_id = ?",
                practitioner.tenantId(), practitioner.sourceSystem().name(), practitioner.sourceId())
                .stream().findFirst();
    }

    /**
     * Gives a delivered record whose NovaMed id is unknown its id (with the outbox event reporting it).
     *
     * @return false when the record is not delivered or already has an id
     */
    public boolean setNovaMedId(RecordKey key, String novaMedId) {
        try {
            return JdbcTransaction.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("update ledger_record set novamed_id = ?,"
                        + " last_error = null, updated_at = ? where " + KEY_WHERE + " and state in (?, ?)"
                        + " and novamed_id is null")) {
                    ps.setString(1, novaMedId);
                    ps.setTimestamp(2, Timestamp.from(Instant.now()));
                    bindKey(ps, 3, key);
                    ps.setString(7, RecordState.DELIVERED.name());
                    ps.setString(8, RecordState.DRIFTED.name());
                    if (ps.executeUpdate() != 1) {
                        return false;
                    }
                }
                outbox.deliveryOutcome(c, key);
                return true;
            });
        } catch (SQLException e) {
            throw new LedgerException("cannot set the NovaMed id of " + key, e);
        }
    }

    /** Says on a delivered record without NovaMed id what an operator must do (names rules, never values). */
    public void noteUnknownId(RecordKey key, String note) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update ledger_record set last_error = ? where " + KEY_WHERE
                        + " and state = ? and novamed_id is null")) {
            ps.setString(1, note.length() <= MAX_NOTE_LENGTH ? note : note.substring(0, MAX_NOTE_LENGTH));
            bindKey(ps, 2, key);
            ps.setString(6, RecordState.DELIVERED.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot annotate " + key, e);
        }
    }

    /** Delivered records without a NovaMed id, oldest first, each with the number of records parked on it. */
    public List<UnknownId> unknownIds(String tenantId, int limit) {
        List<UnknownId> unknown = new ArrayList<>();
        String sql = "select * from ledger_record where state in (?, ?) and novamed_id is null"
                + (tenantId == null ? "" : " and tenant_id = ?") + " order by id fetch first " + Math.max(1, limit)
                + " rows only";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                PreparedStatement blocked = c.prepareStatement("select count(*) from ledger_record where tenant_id = ?"
                        + " and blocked_on = ? and state = ?")) {
            ps.setString(1, RecordState.DELIVERED.name());
            ps.setString(2, RecordState.DRIFTED.name());
            if (tenantId != null) {
                ps.setString(3, tenantId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LedgerEntry entry = Ledger.toEntry(rs);
                    blocked.setString(1, entry.key().tenantId());
                    blocked.setString(2, entry.key().toString());
                    blocked.setString(3, RecordState.PARKED.name());
                    try (ResultSet count = blocked.executeQuery()) {
                        count.next();
                        unknown.add(new UnknownId(entry, count.getLong(1)));
                    }
                }
            }
            return unknown;
        } catch (SQLException e) {
            throw new LedgerException("cannot list records without a NovaMed id", e);
        }
    }

    private List<String> strings(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NPI crosswalk", e);
        }
    }

    private static void bindPractitioner(PreparedStatement ps, int first, RecordKey practitioner) throws SQLException {
        ps.setString(first, practitioner.tenantId());
        ps.setString(first + 1, practitioner.sourceSystem().name());
        ps.setString(first + 2, practitioner.sourceId());
    }

    private static void bindKey(PreparedStatement ps, int first, RecordKey key) throws SQLException {
        ps.setString(first, key.tenantId());
        ps.setString(first + 1, key.sourceSystem().name());
        ps.setString(first + 2, key.resourceType().name());
        ps.setString(first + 3, key.sourceId());
    }
}
