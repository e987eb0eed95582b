package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Prunes what the ledger no longer needs, table by table, from one list of rules: each rule is one statement that
 * takes the cutoff instant as its only parameter. Open work never matches a rule.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** One pruning statement; {@code sql} has exactly one parameter, the cutoff. */
    public record Rule(String name, Function<RetentionSettings, Duration> age, String sql) {
    }

    public static final List<Rule> RULES = List.of(
            // Replays point at their originals: detach them first so closed originals can go.
            new Rule("dead_letter (detach replays)", RetentionSettings::deadLetters,
                    "update dead_letter set replay_of = null where replay_of in (select id from dead_letter"
                            + " where status <> 'OPEN' and closed_at < ?)"),
            new Rule("dead_letter", RetentionSettings::deadLetters,
                    "delete from dead_letter where status <> 'OPEN' and closed_at < ?"),
            new Rule("webhook_inbox", RetentionSettings::webhookInbox,
                    "delete from webhook_inbox where status = 'DONE' and processed_at < ?"),
            new Rule("appointment_event", RetentionSettings::appointmentEvents,
                    "delete from appointment_event where recorded_at < ?"),
            new Rule("novamed_event", RetentionSettings::novamedEvents,
                    "delete from novamed_event where processed_at is not null and processed_at < ?"),
            new Rule("kafka_outbox", RetentionSettings::outbox,
                    "delete from kafka_outbox where published_at is not null and published_at < ?"),
            new Rule("ops_audit", RetentionSettings::audit, "delete from ops_audit where at < ?"),
            new Rule("sync_run", RetentionSettings::runHistory, "delete from sync_run where finished_at < ?"),
            new Rule("ledger_record payloads", RetentionSettings::payloads,
                    "update ledger_record set payload = null, payload_key_id = null where payload is not null"
                            + " and state in ('DELIVERED', 'DRIFTED') and updated_at < ?"),
            new Rule("dead_letter payloads", RetentionSettings::payloads,
                    "update dead_letter set payload = null, payload_key_id = null where payload is not null"
                            + " and status <> 'OPEN' and closed_at < ?"));

    private final DataSource dataSource;
    private final RetentionSettings settings;
    private final Clock clock;

    @Inject
    Retention(DataSource dataSource, RetentionSettings settings) {
        this(dataSource, settings, Clock.systemUTC());
    }

    public Retention(DataSource dataSource, RetentionSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /** Applies every rule; returns the rows each one pruned (or cleared), by rule name. */
    public Map<String, Integer> prune() {
        Map<String, Integer> pruned = new LinkedHashMap<>();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            for (Rule rule : RULES) {
                try (PreparedStatement ps = c.prepareStatement(rule.sql())) {
                    ps.setTimestamp(1, Timestamp.from(now.minus(rule.age().apply(settings))));
                    pruned.put(rule.name(), ps.executeUpdate());
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot prune the ledger", e);
        }
        LOG.infof("retention: pruned %s", pruned);
        return pruned;
    }
}
