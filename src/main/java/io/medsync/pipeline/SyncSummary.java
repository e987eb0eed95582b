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
        String format = "%-20s %-10s %8s %8s %10s %8s %8s%n";
        out.append(String.format(format, "tenant", "resource", "pulled", "created", "unchanged", "drifted", "failed"));
        for (SyncRun.Row row : run.rows()) {
            out.append(String.format(format, row.tenant(), row.resource(), row.get(SyncOutcome.PULLED),
                    row.get(SyncOutcome.CREATED), row.get(SyncOutcome.UNCHANGED), row.get(SyncOutcome.DRIFTED),
                    row.get(SyncOutcome.FAILED)));
        }
        out.append(String.format(format, "total", "", run.total(SyncOutcome.PULLED), run.total(SyncOutcome.CREATED),
                run.total(SyncOutcome.UNCHANGED), run.total(SyncOutcome.DRIFTED), run.total(SyncOutcome.FAILED)));
        run.errors().forEach(e -> out.append("ERROR ").append(e.tenant()).append('/').append(e.resource())
                .append(": ").append(e.message()).append('\n'));
        run.skippedTenants().forEach(t -> out.append("SKIPPED ").append(t).append(": previous run still going\n"));
        out.append(String.format("run %s took %d ms%n", run.id(), run.elapsed().toMillis()));
        return out.toString();
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
        return json;
    }

    public static void writeJson(SyncRun run, Path file, ObjectMapper mapper) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap(run)));
    }
}
