package io.medsync.bench.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the application's ledger says at the end of a run: record states, dead letters and unpublished events. */
record LedgerSnapshot(Map<String, Long> states, Set<String> delivered, Set<String> failed,
        Set<String> parkedBehindUnknownId, List<String> novamedIds,
        List<DeadLetterRow> deadLetters, Set<String> unpublishedDeliveredEvents, long unpublishedEvents) {

    /** One open dead letter: the record (resource/id), where it failed and NovaMed's status, if it answered. */
    record DeadLetterRow(String record, String stage, Integer httpStatus) {
        /** A refusal: medsync's own check of NovaMed's rules (map), a missing dependency, or a NovaMed 4xx (not 429). */
        boolean isRefusal() {
            return switch (stage) {
                case "map", "dependency" -> true;
                case "push" -> httpStatus != null && httpStatus >= 400 && httpStatus < 500 && httpStatus != 429;
                default -> false;
            };
        }
    }

    static LedgerSnapshot read(String jdbcUrl, String user, String password, boolean kafka) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            Map<String, Long> states = new TreeMap<>();
            Set<String> delivered = new HashSet<>();
            Set<String> failed = new HashSet<>();
            List<String> novamedIds = new ArrayList<>();
            Set<String> deliveredWithoutId = new HashSet<>();
            Map<String, String> parkedOn = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select resource_type, source_id, state, novamed_id, last_error from ledger_record"
                    + " where source_system = 'NEXHEALTH'")) {
                while (rs.next()) {
                    String record = key(rs.getString(1), rs.getString(2));
                    String state = rs.getString(3);
                    states.merge(rs.getString(1).toLowerCase() + " " + state.toLowerCase(), 1L, Long::sum);
                    if ("DELIVERED".equals(state)) {
                        delivered.add(record);
                        if (rs.getString(4) != null) {
                            novamedIds.add(rs.getString(4).toLowerCase());
                        } else {
                            deliveredWithoutId.add("demo-clinic/nexhealth/" + record);
                        }
                    } else if ("FAILED".equals(state)) {
                        failed.add(record);
                    } else if ("PARKED".equals(state) && rs.getString(5) != null) {
                        parkedOn.put(record, rs.getString(5));
                    }
                }
            }
            List<DeadLetterRow> deadLetters = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select resource_type, source_id, stage, http_status from dead_letter"
                    + " where status = 'OPEN'")) {
                while (rs.next()) {
                    int status = rs.getInt(4);
                    deadLetters.add(new DeadLetterRow(key(rs.getString(1), rs.getString(2)), rs.getString(3),
                            rs.wasNull() ? null : status));
                }
            }
            Set<String> unpublishedDelivered = new HashSet<>();
            long unpublished = 0;
            if (kafka) {
                try (ResultSet rs = s.executeQuery("select message_key, payload from kafka_outbox"
                        + " where published_at is null")) {
                    while (rs.next()) {
                        unpublished++;
                        if (rs.getString(2).contains("\"state\":\"delivered\"")) {
                            unpublishedDelivered.add(rs.getString(1));
                        }
                    }
                }
            }
            // Waiting for a practitioner NovaMed holds under an id medsync never learnt (a lost answer, then "already
            // exists" on the resend): released by an operator who sets the id, not by any run.
            Set<String> parkedBehindUnknownId = new HashSet<>();
            parkedOn.forEach((record, reason) -> {
                if (deliveredWithoutId.stream().anyMatch(key -> reason.contains(key + " "))) {
                    parkedBehindUnknownId.add(record);
                }
            });
            return new LedgerSnapshot(states, delivered, failed, parkedBehindUnknownId, novamedIds, deadLetters, unpublishedDelivered,
                    unpublished);
        }
    }

    /** Rows not settled yet: waiting to be sent, or sent by a process that has not recorded the answer. */
    long unsettled() {
        return states.entrySet().stream().filter(e -> e.getKey().endsWith(" pending") || e.getKey().endsWith(" in_flight"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long count(String suffix) {
        return states.entrySet().stream().filter(e -> e.getKey().endsWith(" " + suffix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long rows(String resource) {
        return states.entrySet().stream().filter(e -> e.getKey().startsWith(resource + " "))
                .mapToLong(Map.Entry::getValue).sum();
    }

    Set<String> deadLettered() {
        Set<String> records = new HashSet<>();
        deadLetters.forEach(d -> records.add(d.record()));
        return records;
    }

    static String key(String resourceType, String sourceId) {
        return resourceType.toLowerCase() + "/" + sourceId;
    }
}
