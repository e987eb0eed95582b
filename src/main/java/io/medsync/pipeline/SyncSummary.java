package io.medsync.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Renders a {@link SyncRun} as the table the demo prints and the JSON file scripts read. Counts and ids only. */
public final class SyncSummary {

    private SyncSummary() {
    }

    public static String table(SyncRun run) {
        StringBuilder out = new StringBuilder();
        StringBuilder header = new StringBuilder(String.format("%-20s %-16s", "tenant", "resource"));
        for (SyncOutcome outcome : SyncOutcome.values()) {
            header.append(String.format(" %" + width(outcome) + "s", outcome.label()));
        }
        out.append(header).append('\n');
        for (SyncRun.Row row : run.rows()) {
            out.append(String.format("%-20s %-16s", row.tenant(), row.resource()));
            for (SyncOutcome outcome : SyncOutcome.values()) {
                out.append(String.format(" %" + width(outcome) + "d", row.get(outcome)));
            }
            out.append('\n');
        }
        out.append(String.format("%-20s %-16s", "total", ""));
        for (SyncOutcome outcome : SyncOutcome.values()) {
            out.append(String.format(" %" + width(outcome) + "d", run.total(outcome)));
        }
        out.append('\n');
        run.errors().forEach(e -> out.append("ERROR ").append(e.tenant()).append('/').append(e.resource())
                .append(": ").append(e.message()).append('\n'));
        run.unavailablePartners().forEach(u -> out.append("UNAVAILABLE ").append(u)
                .append(": partner unavailable, its records wait (pending) for the next run\n"));
        run.storeUnavailableTenants().forEach(t -> out.append("STORE UNAVAILABLE ").append(t)
                .append(": the ledger database did not answer; the run stopped taking records, the next run settles them\n"));
        run.skippedTenants().forEach(t -> out.append("SKIPPED ").append(t).append(": previous run still going\n"));
        run.unreadResources().forEach((scope, byType) -> out.append("UNREAD ").append(scope).append(": ")
                .append(unreadNote(byType)).append('\n'));
        out.append(String.format("run %s took %d ms%n", run.id(), run.elapsed().toMillis()));
        return out.toString();
    }

    /** "2 Observation, 1 Organization entries medsync does not read": types and counts, never content. */
    public static String unreadNote(Map<String, ? extends Number> byType) {
        StringBuilder note = new StringBuilder();
        new java.util.TreeMap<>(byType).forEach((type, n) -> note.append(note.isEmpty() ? "" : ", ").append(n).append(' ').append(type));
        return note.append(" entries medsync does not read (it reads Patient, Practitioner, Medication and"
                + " prescriptions)").toString();
    }

    /** Columns are 10 wide, or as wide as a longer header. */
    private static int width(SyncOutcome outcome) {
        return Math.max(10, outcome.label().length());
    }

    public static Map<String, Object> asMap(SyncRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", run.id());
        json.put("started_at", run.startedAt().toString());
        json.put("elapsed_ms", run.elapsed().toMillis());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyncRun.Row row : run.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("tenant", row.tenant());
            r.put("resource", row.resource());
            for (SyncOutcome outcome : SyncOutcome.values()) {
                r.put(outcome.label(), row.get(outcome));
            }
            rows.add(r);
        }
        json.put("rows", rows);
        Map<String, Object> totals = new LinkedHashMap<>();
        for (SyncOutcome outcome : SyncOutcome.values()) {
            totals.put(outcome.label(), run.total(outcome));
        }
        json.put("totals", totals);
        json.put("errors", run.errors());
        json.put("skipped_tenants", run.skippedTenants());
        json.put("partner_unavailable", run.unavailablePartners());
        json.put("unread_resources", run.unreadResources());
        json.put("store_unavailable", run.storeUnavailableTenants());
        return json;
    }

    public static void writeJson(SyncRun run, Path file, ObjectMapper mapper) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap(run)));
    }
}
