package io.medsync.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.mapping.MappingException;
import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.nexhealth.NexHealthPatientMapper;
import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.nexhealth.NexHealthProviderMapper;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.tenant.MappingDefaults;

/**
 * The raw-HTTP baseline: the same exchanges medsync makes, with a plain {@link HttpClient} and no persistence.
 * POST /authenticates once; GET /providers then /patients page by page (same query: subdomain, location_id,
 * per_page, end_cursor); the records of each page POSTed one by one to NovaMed by {@code threads} workers, the
 * next page fetched when the page is done (medsync's shape: page, then its records in parallel, then the cursor).
 * Bodies come from medsync's own pure mappers, so they are byte-for-byte the JSON medsync sends and the same
 * records are skipped: those that fail mapping (medsync dead-letters them without a call) and patients whose
 * provider did not get a NovaMed id (medsync parks them without a call). Skipped records are counted, not sent.
 */
public final class Baseline {

    /** Runs once in its own JVM (cold, like medsync) and prints one line: BASELINE-RESULT {json}. */
    public static void main(String[] args) throws Exception {
        BenchConfig cfg = BenchConfig.parse(new String[] {"--per-page=" + args[2], "--delivery-threads=" + args[3]});
        Result r = new Baseline(cfg).run(args[0], args[1]);
        System.out.println("BASELINE-RESULT " + new ObjectMapper().writeValueAsString(r));
    }

    record Result(long elapsedMs, int nexHealthRequests, int practitionersPosted, int patientsPosted, int ok,
            int rejected, int skipped, int otherStatus, int recordsPulled) {
    }

    private final BenchConfig cfg;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    Baseline(BenchConfig cfg) {
        this.cfg = cfg;
    }

    Result run(String nexBase, String novaBase) throws Exception {
        MappingDefaults defaults = new MappingDefaults(BenchConfig.CLINIC_ID, false, "human",
                new MappingDefaults.PracticeAddress("100 Congress Ave", null, "Austin", "TX", "78701"));
        NexHealthProviderMapper providerMapper = new NexHealthProviderMapper();
        NexHealthPatientMapper patientMapper = new NexHealthPatientMapper();
        Map<Long, String> crosswalk = new ConcurrentHashMap<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger practitioners = new AtomicInteger();
        AtomicInteger patients = new AtomicInteger();
        int nexRequests = 0;
        int recordsPulled = 0;
        ExecutorService pool = Executors.newFixedThreadPool(cfg.deliveryThreads);
        long start = System.nanoTime();
        try {
            HttpResponse<String> auth = client.send(HttpRequest.newBuilder(URI.create(nexBase + "/authenticates"))
                    .header("Authorization", BenchConfig.NEXHEALTH_KEY)
                    .header("Accept", "application/vnd.Nexhealth+json;version=2")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            nexRequests++;
            String token = json.readTree(auth.body()).path("data").path("token").asText();
            for (String resource : List.of("/providers", "/patients")) {
                boolean isPatients = resource.equals("/patients");
                String cursor = null;
                do {
                    String query = "subdomain=" + BenchConfig.SUBDOMAIN + "&location_id=" + BenchConfig.LOCATION_ID
                            + "&per_page=" + cfg.perPage
                            + (cursor == null ? "" : "&end_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(nexBase + resource + "?" + query))
                            .header("Authorization", "Bearer " + token)
                            .header("Nex-Api-Version", "v20240412")
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                    nexRequests++;
                    if (page.statusCode() != 200) {
                        throw new IllegalStateException("NexHealth answered " + page.statusCode() + " to GET " + resource);
                    }
                    JsonNode root = json.readTree(page.body());
                    List<Future<?>> work = new ArrayList<>();
                    for (JsonNode item : root.path("data")) {
                        recordsPulled++;
                        work.add(pool.submit(() -> {
                            String path;
                            byte[] body;
                            long sourceId = item.path("id").asLong();
                            try {
                                if (isPatients) {
                                    NexHealthPatient p = json.treeToValue(item, NexHealthPatient.class);
                                    NovaMedPatient mapped = patientMapper.map(p, defaults);
                                    String practitioner = p.providerId() == null ? BenchConfig.FALLBACK_PRACTITIONER
                                            : crosswalk.get(p.providerId());
                                    if (practitioner == null) {
                                        skipped.incrementAndGet();
                                        return null;
                                    }
                                    body = json.writeValueAsBytes(mapped.withPractitionerId(practitioner));
                                    path = "/api/external/patient";
                                    patients.incrementAndGet();
                                } else {
                                    NexHealthProvider p = json.treeToValue(item, NexHealthProvider.class);
                                    NovaMedPractitioner mapped = providerMapper.map(p, defaults);
                                    body = json.writeValueAsBytes(mapped);
                                    path = "/api/external/practitioner";
                                    practitioners.incrementAndGet();
                                }
                            } catch (MappingException | java.io.IOException e) {
                                skipped.incrementAndGet();
                                return null;
                            }
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(novaBase + path))
                                    .header("x-api-key", BenchConfig.NOVAMED_KEY)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200) {
                                ok.incrementAndGet();
                                if (!isPatients) {
                                    crosswalk.put(sourceId,
                                            json.readTree(answer.body()).path("data").path("practitioner_id").asText());
                                }
                            } else if (answer.statusCode() >= 400 && answer.statusCode() < 500) {
                                rejected.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : work) {
                        f.get();
                    }
                    JsonNode info = root.path("page_info");
                    cursor = info.path("has_next_page").asBoolean(false) ? info.path("end_cursor").asText() : null;
                } while (cursor != null);
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new Result(elapsed, nexRequests, practitioners.get(), patients.get(), ok.get(), rejected.get(),
                skipped.get(), other.get(), recordsPulled);
    }
}
