package io.medsync.bench;

import java.util.List;
import java.util.Map;

/** Renders the report map as Markdown: the same numbers as report.json, counts and timings only. */
final class ReportMarkdown {

    private ReportMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        Map<String, Object> settings = (Map<String, Object>) report.get("settings");
        Map<String, Object> sc = (Map<String, Object>) report.get("scenarios");
        md.append("## Report of ").append(machine.get("date")).append(Boolean.TRUE.equals(settings.get("quick"))
                ? " (`--quick` smoke sizes: not representative)" : "").append("\n\n");
        md.append("| machine | |\n|---|---|\n");
        for (String k : List.of("cores", "cpu", "memory_total", "jvm", "os", "loadavg_at_start", "loadavg_at_end")) {
            md.append("| ").append(k).append(" | ").append(machine.get(k)).append(" |\n");
        }
        md.append("| harness wall time | ").append(report.get("harness_wall_s")).append(" s |\n\n");
        md.append("Settings: ");
        settings.forEach((k, v) -> md.append('`').append(k).append('=').append(v).append("` "));
        md.append("\n\n");

        sideBySide(md, sc);
        for (Map.Entry<String, Object> e : sc.entrySet()) {
            if (e.getKey().startsWith("1_throughput")) {
                throughput(md, (Map<String, Object>) e.getValue());
            }
        }
        Map<String, Object> s2 = (Map<String, Object>) sc.get("2_budget");
        if (s2 != null) {
            md.append("### 2. NovaMed budget use\n\n");
            if (s2.containsKey("error")) {
                md.append("FAILED: ").append(s2.get("error")).append("\n\n");
            } else {
                Map<String, Object> run = (Map<String, Object>) s2.get("run");
                md.append("Limit ").append(s2.get("limit_per_minute")).append("/min in the NovaMed sandbox, ")
                        .append(s2.get("patients")).append(" patients; medsync run with `").append(s2.get("medsync_setting"))
                        .append("`. Wall ").append(run.get("wall_ms")).append(" ms, exit ").append(run.get("exit_code"))
                        .append(", totals ").append(run.get("totals")).append(".\n\n");
                md.append("| window (epoch s) | full | accepted | 429 |\n|---|---|---|---|\n");
                for (Map<String, Object> w : (List<Map<String, Object>>) s2.get("windows")) {
                    md.append("| ").append(w.get("window_start_epoch_s")).append(" | ").append(w.get("full_window"))
                            .append(" | ").append(w.get("accepted")).append(" | ").append(w.get("rejected_429")).append(" |\n");
                }
                md.append("\n**Use of the limit over full windows: ").append(s2.get("use_of_limit_full_windows"))
                        .append("** (").append(s2.get("full_windows")).append(" full windows); overall (accepted ÷ span ")
                        .append(s2.get("span_first_to_last_post_s")).append(" s ÷ limit): ")
                        .append(s2.get("use_of_limit_overall")).append("; **429 answers: ").append(s2.get("novamed_429"))
                        .append("**.\n\n");
            }
        }
        for (Map.Entry<String, Object> e : sc.entrySet()) {
            if (e.getKey().startsWith("3_resync")) {
                resync(md, (Map<String, Object>) e.getValue());
            }
        }
        Map<String, Object> s4 = (Map<String, Object>) sc.get("4_memory");
        if (s4 != null) {
            md.append("### 4. Memory\n\n");
            if (s4.containsKey("error")) {
                md.append("FAILED: ").append(s4.get("error")).append("\n\n");
            } else {
                Map<String, Object> run = (Map<String, Object>) s4.get("run");
                md.append(s4.get("patients")).append(" patients with `-Xmx").append(s4.get("xmx")).append("`: **")
                        .append(Boolean.TRUE.equals(s4.get("completed")) ? "completed" : "DID NOT COMPLETE")
                        .append("** (exit ").append(run.get("exit_code")).append(", totals ").append(run.get("totals"))
                        .append(").\n\n| | value |\n|---|---|\n");
                for (String k : List.of("wall_ms", "elapsed_ms", "peak_heap_before_gc_mib", "peak_heap_after_gc_mib",
                        "peak_heap_committed_mib", "gc_count", "peak_rss_mib", "cpu_s", "ms_per_record_elapsed", "ledger_file_mib")) {
                    md.append("| ").append(k).append(" | ").append(run.get(k)).append(" |\n");
                }
                md.append("\n");
            }
        }
        Map<String, Object> s5 = (Map<String, Object>) sc.get("5_startup");
        if (s5 != null) {
            md.append("### 5. Start-up (service mode, JVM)\n\n");
            if (s5.containsKey("error")) {
                md.append("FAILED: ").append(s5.get("error")).append("\n\n");
            } else {
                md.append("| run | ready ms | RSS at ready MiB | RSS idle MiB |\n|---|---|---|---|\n");
                int i = 1;
                for (Map<String, Object> r : (List<Map<String, Object>>) s5.get("runs")) {
                    md.append("| ").append(i++).append(" | ").append(r.get("ready_ms")).append(" | ")
                            .append(r.get("rss_at_ready_mib")).append(" | ").append(r.get("rss_idle_mib")).append(" |\n");
                }
                md.append("\nTime to `/q/health/ready` UP: ").append(s5.get("ready_ms")).append("; idle RSS (MiB): ")
                        .append(s5.get("rss_idle_mib")).append(".\n\n");
            }
        }
        Map<String, Object> s6 = (Map<String, Object>) sc.get("6_growth");
        if (s6 != null) {
            md.append("### 6. Growth\n\n");
            if (s6.containsKey("error")) {
                md.append("FAILED: ").append(s6.get("error")).append("\n\n");
            } else {
                md.append("| patients | medsync elapsed ms | medsync ms/record | baseline elapsed ms | baseline ms/record | medsync peak RSS MiB |\n|---|---|---|---|---|---|\n");
                for (Map<String, Object> s : (List<Map<String, Object>>) s6.get("sizes")) {
                    Map<String, Object> m = (Map<String, Object>) s.get("medsync");
                    Map<String, Object> b = (Map<String, Object>) s.get("baseline");
                    md.append("| ").append(s.get("patients")).append(" | ").append(m.get("elapsed_ms")).append(" | ")
                            .append(m.get("ms_per_record_elapsed")).append(" | ")
                            .append(b == null ? "" : b.get("elapsed_ms")).append(" | ")
                            .append(b == null ? "" : b.get("ms_per_record_elapsed")).append(" | ")
                            .append(m.get("peak_rss_mib")).append(" |\n");
                }
                md.append("\n**Time per record, largest ÷ smallest size: medsync ")
                        .append(s6.get("medsync_ratio_largest_to_smallest")).append("**, baseline ")
                        .append(s6.get("baseline_ratio_largest_to_smallest")).append(".\n\n");
            }
        }
        Map<String, Object> s7 = (Map<String, Object>) sc.get("7_tenants");
        if (s7 != null) {
            tenants(md, s7);
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void throughput(StringBuilder md, Map<String, Object> s1) {
        md.append("### 1. Throughput vs the raw-HTTP baseline (ledger: ").append(s1.getOrDefault("ledger", "file")).append(")\n\n");
        if (s1.containsKey("error")) {
            md.append("FAILED: ").append(s1.get("error")).append("\n\n");
        } else {
            md.append(s1.get("patients")).append(" patients + ").append(s1.get("providers"))
                    .append(" providers, rate limits off; records = providers + patients pulled.\n\n");
            md.append("| run | rep | wall ms | elapsed ms | records | rec/s (elapsed) | rec/s (wall) | NovaMed POSTs | 200 | peak RSS MiB | client CPU s | CPU ms/record |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> r : (List<Map<String, Object>>) s1.get("medsync_runs")) {
                md.append(String.format("| medsync | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.get("repetition"),
                        r.get("wall_ms"), r.get("elapsed_ms"), r.get("records"), r.get("records_per_s_elapsed"),
                        r.get("records_per_s_wall"), r.get("novamed_posts"), r.get("novamed_200"), r.get("peak_rss_mib"),
                        r.get("cpu_s"), r.get("cpu_ms_per_record")));
            }
            for (Map<String, Object> r : (List<Map<String, Object>>) s1.get("baseline_runs")) {
                md.append(String.format("| baseline | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.get("repetition"),
                        r.get("wall_ms"), r.get("elapsed_ms"), r.get("records"), r.get("records_per_s_elapsed"),
                        r.get("records_per_s_wall"), r.get("novamed_posts_sent"), r.get("novamed_200"),
                        r.get("peak_rss_mib"), r.get("cpu_s"), r.get("cpu_ms_per_record")));
            }
            md.append("\n| records/s | min | median | max |\n|---|---|---|---|\n");
            for (String k : List.of("medsync_records_per_s_elapsed", "baseline_records_per_s_elapsed",
                    "medsync_records_per_s_wall", "baseline_records_per_s_wall", "medsync_cpu_ms_per_record",
                    "baseline_cpu_ms_per_record")) {
                Map<String, Object> s = (Map<String, Object>) s1.get(k);
                if (s == null) {
                    continue;
                }
                md.append("| ").append(k.replace("_records_per_s_", " (").replace("_cpu_ms_per_record", " (CPU ms per record"))
                        .append(") | ").append(s.get("min"))
                        .append(" | ").append(s.get("median")).append(" | ").append(s.get("max")).append(" |\n");
            }
            md.append("\n**Ratio medsync ÷ baseline (medians, elapsed: JVM start excluded on both sides): ")
                    .append(s1.get("ratio_median_elapsed")).append("**; on process wall time (JVM start included): ")
                    .append(s1.get("ratio_median_wall")).append(".\n\n");
            List<Map<String, Object>> b = (List<Map<String, Object>>) s1.get("baseline_runs");
            if (!b.isEmpty()) {
                md.append("Baseline skipped (not sent, as medsync sends no call for them): ")
                        .append(b.get(0).get("skipped_unmappable_or_no_practitioner"))
                        .append(" records per run; NovaMed 4xx answers to the baseline: ")
                        .append(b.get(0).get("novamed_4xx")).append(".\n\n");
            }
        }
        Map<String, Object> jfr = (Map<String, Object>) s1.get("jfr_top_frames");
        if (jfr != null) {
            profile(md, jfr);
        }
    }

    @SuppressWarnings("unchecked")
    private static void resync(StringBuilder md, Map<String, Object> s3) {
        md.append("### 3. Re-sync of unchanged data (`medsync.run.full-resync=true`, same ledger: ").append(s3.getOrDefault("ledger", "file")).append(")\n\n");
        if (s3.containsKey("error") || s3.isEmpty()) {
            md.append("FAILED or not run: ").append(s3.get("error")).append("\n\n");
        } else {
            Map<String, Object> run = (Map<String, Object>) s3.get("run");
            md.append("| | value |\n|---|---|\n");
            md.append("| patients | ").append(s3.get("patients")).append(" |\n");
            md.append("| wall ms (first run) | ").append(run.get("wall_ms")).append(" (")
                    .append(s3.get("first_run_wall_ms")).append(") |\n");
            md.append("| elapsed ms (first run) | ").append(run.get("elapsed_ms")).append(" (")
                    .append(s3.get("first_run_elapsed_ms")).append(") |\n");
            md.append("| share of first run, wall / elapsed | ").append(s3.get("share_of_first_run_wall"))
                    .append(" / ").append(s3.get("share_of_first_run_elapsed")).append(" |\n");
            md.append("| **NovaMed calls** | **").append(s3.get("novamed_calls")).append("** |\n");
            md.append("| NexHealth requests | ").append(s3.get("nexhealth_requests")).append(" |\n");
            md.append("| totals | ").append(run.get("totals")).append(" |\n\n");
            Map<String, Object> service = (Map<String, Object>) s3.get("in_service");
            if (service != null) {
                md.append("The same full re-sync on a running service (`POST /ops/tenants/demo-clinic/sync?full=true`),")
                        .append(" one after the other in one JVM; the first pays the JIT's warm-up as the run above does:\n\n");
                md.append("| re-sync in the service | elapsed ms | share of first run (elapsed) | NexHealth answer ms |")
                        .append(" pulled | unchanged | NovaMed calls |\n|---|---|---|---|---|---|---|\n");
                for (Map<String, Object> r : (List<Map<String, Object>>) service.get("runs")) {
                    md.append("| ").append(r.get("resync")).append(" | ").append(r.get("elapsed_ms")).append(" | ")
                            .append(r.get("share_of_first_run_elapsed")).append(" | ")
                            .append(r.get("nexhealth_answer_ms")).append(" | ").append(r.get("pulled"))
                            .append(" | ").append(r.get("unchanged")).append(" | ").append(r.get("novamed_calls"))
                            .append(" |\n");
                }
                md.append("\n");
                if (service.get("jfr_top_frames") != null) {
                    md.append("The service's recording covers its start and all three re-syncs.\n\n");
                    profile(md, (Map<String, Object>) service.get("jfr_top_frames"));
                }
            }
            Map<String, Object> jfr = (Map<String, Object>) s3.get("jfr_top_frames");
            if (jfr != null) {
                profile(md, jfr);
            }
        }
        }

    /** Scenarios 1 and 3 of every ledger in one table. */
    @SuppressWarnings("unchecked")
    private static void sideBySide(StringBuilder md, Map<String, Object> sc) {
        List<String> ledgers = sc.keySet().stream().filter(k -> k.startsWith("1_throughput")).toList();
        if (ledgers.size() < 2) {
        return;
        }
        md.append("### Scenarios 1 and 3 by ledger (same harness run, repetitions alternating)\n\n");
        md.append("| ledger | medsync rec/s (median) | baseline rec/s (median) | **ratio** | medsync CPU ms/record | baseline CPU ms/record | re-sync share of first run (elapsed) | same, warm service JVM (median) | re-sync NovaMed calls |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String k : ledgers) {
        Map<String, Object> s1 = (Map<String, Object>) sc.get(k);
        if (s1.containsKey("error")) {
            md.append("| ").append(k).append(" | FAILED: ").append(s1.get("error")).append(" ||||||||\n");
            continue;
        }
        Map<String, Object> s3 = (Map<String, Object>) sc.get(k.replace("1_throughput", "3_resync"));
        md.append("| ").append(s1.get("ledger")).append(" | ")
                .append(((Map<String, Object>) s1.get("medsync_records_per_s_elapsed")).get("median")).append(" | ")
                .append(((Map<String, Object>) s1.get("baseline_records_per_s_elapsed")).get("median")).append(" | **")
                .append(s1.get("ratio_median_elapsed")).append("** | ")
                .append(((Map<String, Object>) s1.get("medsync_cpu_ms_per_record")).get("median")).append(" | ")
                .append(((Map<String, Object>) s1.get("baseline_cpu_ms_per_record")).get("median")).append(" | ")
                .append(s3 == null ? "" : s3.get("share_of_first_run_elapsed")).append(" | ")
                .append(warmShare(s3)).append(" | ")
                .append(s3 == null ? "" : s3.get("novamed_calls")).append(" |\n");
        }
        md.append("\n");
    }

    @SuppressWarnings("unchecked")
    private static Object warmShare(Map<String, Object> s3) {
        Map<String, Object> service = s3 == null ? null : (Map<String, Object>) s3.get("in_service");
        return service == null ? "" : ((Map<String, Object>) service.get("warm_share_of_first_run_elapsed")).get("median");
    }

    @SuppressWarnings("unchecked")
    private static void profile(StringBuilder md, Map<String, Object> jfr) {
        md.append("Where medsync's CPU goes (JFR `jdk.ExecutionSample`, ").append(jfr.get("execution_samples"))
                .append(" samples from ").append(jfr.get("recordings")).append(" recordings of the runs above):\n\n");
        for (String[] table : new String[][] {{"top_frames", "top frame (leaf method)"},
                {"top_medsync_frames", "first io.medsync frame on the stack"}, {"by_area", "area (first known library frame from the top)"}}) {
            md.append("| ").append(table[1]).append(" | samples | share |\n|---|---|---|\n");
            for (Map<String, Object> row : (List<Map<String, Object>>) jfr.get(table[0])) {
                md.append("| `").append(row.get("frame")).append("` | ").append(row.get("samples")).append(" | ")
                        .append(row.get("share")).append(" |\n");
            }
            md.append("\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void tenants(StringBuilder md, Map<String, Object> s7) {
        md.append("### 7. Many tenants\n\n");
        if (s7.containsKey("error")) {
            md.append("FAILED: ").append(s7.get("error")).append("\n\n");
            return;
        }
        md.append(s7.get("tenants")).append(" tenants × ").append(s7.get("patients_per_tenant"))
                .append(" patients, each with its own NovaMed key and simulator limited to ")
                .append(s7.get("limit_per_key_per_minute")).append("/min (medsync's budget set to the same), service mode,")
                .append(" every tenant's sync scheduled every 30 s, PostgreSQL ledger; ")
                .append(s7.get("measured_minutes")).append(" min measured.\n\n");
        md.append("| replicas | full windows | accepted per full window, all keys (min per key – max per key) | **use of the summed limits** | 429 | 429 after the first per key | max per key in a window | CPU ms per accepted create | job leases |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) s7.get("runs")) {
            StringBuilder perWindow = new StringBuilder();
            for (Map<String, Object> w : (List<Map<String, Object>>) r.get("windows")) {
                if (Boolean.TRUE.equals(w.get("full_window"))) {
                    perWindow.append(perWindow.length() == 0 ? "" : ", ").append(w.get("accepted_all_keys")).append(" (")
                            .append(w.get("min_per_key")).append("–").append(w.get("max_per_key")).append(")");
                }
            }
            md.append("| ").append(r.get("replicas")).append(" | ").append(r.get("full_windows")).append(" | ")
                    .append(perWindow).append(" | **").append(r.get("use_of_summed_limits_full_windows")).append("** | ")
                    .append(r.get("novamed_429")).append(" | ").append(r.get("novamed_429_after_the_first_per_key"))
                    .append(" | ").append(r.get("max_accepted_per_key_in_a_full_window")).append(" | ")
                    .append(r.get("cpu_ms_per_accepted_create")).append(" | ")
                    .append(String.join("; ", (List<String>) r.get("job_leases"))).append(" |\n");
        }
        md.append("\n");
    }
}
