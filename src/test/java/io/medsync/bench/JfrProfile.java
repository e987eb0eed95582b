package io.medsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where medsync's CPU goes, from the JFR recordings of its runs ({@code -XX:StartFlightRecording}): the method on
 * top of the stack of every {@code jdk.ExecutionSample} (what {@code jfr print --events jdk.ExecutionSample} shows),
 * counted over all recordings, and the same for the first medsync frame (io.medsync) on each sampled stack. Method
 * names only: no values.
 */
final class JfrProfile {

    private JfrProfile() {
    }

    static Map<String, Object> topFrames(List<Path> recordings, int top) {
        Map<String, Long> leaf = new HashMap<>();
        Map<String, Long> ownCode = new HashMap<>();
        Map<String, Long> area = new HashMap<>();
        long samples = 0;
        for (Path recording : recordings) {
            if (!Files.exists(recording)) {
                continue;
            }
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                            || event.getStackTrace().getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    leaf.merge(name(frames.get(0)), 1L, Long::sum);
                    area.merge(areaOf(frames), 1L, Long::sum);
                    frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.medsync."))
                            .findFirst().ifPresent(f -> ownCode.merge(name(f), 1L, Long::sum));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + recording, e);
            }
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("recordings", recordings.size());
        profile.put("execution_samples", samples);
        profile.put("top_frames", ranked(leaf, top, samples));
        profile.put("top_medsync_frames", ranked(ownCode, top, samples));
        profile.put("by_area", ranked(area, top, samples));
        return profile;
    }

    /** A coarse owner of a sample: the first frame on the stack (from the top) of a known library or our code. */
    private static String areaOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (String[] area : AREAS) {
                if (type.startsWith(area[0])) {
                    return area[1];
                }
            }
        }
        return "other (JDK, JIT, GC threads excluded by JFR)";
    }

    private static final String[][] AREAS = {
        {"org.h2.", "H2 ledger"}, {"org.postgresql.", "PostgreSQL driver"}, {"io.agroal.", "connection pool"},
        {"com.fasterxml.jackson.", "JSON (Jackson)"}, {"javax.crypto.", "AES-GCM sealing"},
        {"com.sun.crypto.", "AES-GCM sealing"}, {"sun.security.", "crypto/TLS"},
        {"java.net.http.", "JDK HTTP client"}, {"jdk.internal.net.http.", "JDK HTTP client"},
        {"sun.nio.", "sockets/NIO"}, {"org.jboss.logging.", "logging"}, {"org.jboss.logmanager.", "logging"},
        {"org.apache.camel.", "Camel"}, {"io.medsync.", "medsync code"}, {"io.vertx.", "Vert.x"},
        {"io.netty.", "Netty"}, {"io.quarkus.", "Quarkus"}, {"io.smallrye.", "SmallRye"},
    };

    private static List<Map<String, Object>> ranked(Map<String, Long> counts, int top, long samples) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("frame", e.getKey());
                    row.put("samples", e.getValue());
                    row.put("share", BenchMain.round3(e.getValue() / (double) Math.max(1, samples)));
                    return row;
                })
                .toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
