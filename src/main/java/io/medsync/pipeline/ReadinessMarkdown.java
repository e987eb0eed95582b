package io.medsync.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The readiness report as Markdown, for an analyst: the numbers per kind, the refusal reasons with a few record keys
 * each (the JSON lists them all), what parks on what, the chains that never complete, data quality, the forecast.
 */
public final class ReadinessMarkdown {

    /** Record keys shown per line; the JSON report has them all. */
    private static final int KEYS_SHOWN = 5;

    private ReadinessMarkdown() {
    }

    public static String render(ReadinessReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Go-live dry run of tenant ").append(report.tenant()).append("\n\n");
        md.append("Dry run ").append(report.id()).append(", ").append(report.startedAt()).append(", took ")
                .append(seconds(report.elapsedMs() / 1000)).append(": **").append(report.outcome()).append("**")
                .append(report.ready() ? " (every source read in full)" : " (a source read stopped early)")
                .append(".\n\n");
        report.errors().forEach(e -> md.append("- error: ").append(e).append('\n'));

        md.append("| kind | pulled | would create | would refuse | would park |\n|---|---:|---:|---:|---:|\n");
        for (ReadinessReport.Kind kind : report.kinds()) {
            md.append("| ").append(kind.kind()).append(" | ").append(kind.pulled()).append(" | ")
                    .append(kind.wouldCreate()).append(" | ").append(kind.wouldRefuse()).append(" | ")
                    .append(kind.wouldPark()).append(" |\n");
        }
        for (ReadinessReport.Kind kind : report.kinds()) {
            if (kind.refusals().isEmpty() && kind.parked().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(kind.kind()).append("\n\n");
            kind.refusals().forEach(r -> md.append("- would refuse ").append(r.count()).append(": ")
                    .append(r.reason()).append(" — ").append(keys(r.records())).append('\n'));
            kind.parked().forEach(p -> md.append("- would park ").append(p.count()).append(" on ")
                    .append(p.waitingFor()).append(p.neverCompletes() ? ", never completes" : "").append(" — ")
                    .append(keys(p.records())).append('\n'));
        }
        if (!report.neverCompleting().isEmpty()) {
            md.append("\n## Chains that can never complete\n\n");
            report.neverCompleting().forEach(c -> md.append("- ").append(c.root()).append(" (").append(c.rootReason())
                    .append("): ").append(c.waiting().size()).append(" waiting — ").append(keys(c.waiting()))
                    .append('\n'));
        }
        md.append("\n## Data quality (records refused for it)\n\n");
        report.dataQuality().forEach((field, count) -> md.append("- ").append(field.replace('_', ' ')).append(": ")
                .append(count).append('\n'));
        ReadinessReport.NovaMedForecast novaMed = report.novamed();
        md.append("\n## First run\n\n- NovaMed calls: ").append(novaMed.calls());
        novaMed.callsByPath().forEach((path, n) -> md.append(", ").append(path).append(' ').append(n));
        md.append('\n');
        if (novaMed.etaSeconds() == null) {
            md.append("- duration: unknown (no NovaMed budget configured)\n");
        } else {
            md.append("- duration: about ").append(seconds(Math.round(novaMed.etaSeconds()))).append(" at ")
                    .append(novaMed.requestsPerMinute()).append(" requests/min (").append(novaMed.budget())
                    .append(" budget): ").append(seconds(Math.round(novaMed.pacingSeconds())))
                    .append(" of NovaMed pacing (or the time this dry run took to read the sources, if longer)\n");
        }
        md.append("- source calls this dry run made: ");
        md.append(String.join(", ", report.sourceCalls().entrySet().stream()
                .map((Map.Entry<String, Long> e) -> e.getKey() + " " + e.getValue()).toList())).append('\n');
        return md.toString();
    }

    private static String keys(List<String> records) {
        String shown = String.join(", ", records.subList(0, Math.min(KEYS_SHOWN, records.size())));
        return records.size() > KEYS_SHOWN ? shown + " and " + (records.size() - KEYS_SHOWN) + " more" : shown;
    }

    private static String seconds(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : seconds + " s";
    }
}
