package io.medsync.sandbox.nextgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;

import io.medsync.sandbox.FaultInjector;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxClock;

/**
 * In-process NextGen Patient Access API (contracts README section 3) on one Jetty server bound to 127.0.0.1: the
 * patient OAuth2 authorization server (authorization code + PKCE, refresh with optional rotation, client credentials,
 * revocation) and HAPI FHIR plain servers for R4 and DSTU2 over the same synthetic charts, secured by bearer tokens,
 * plus unauthenticated "open test server" bases. Paths mirror production. Faults come from the shared
 * {@link FaultInjector}; requests are recorded without bodies or tokens.
 */
public final class NextGenSandbox implements AutoCloseable {

    public static final String OAUTH_PATH = "/nge/prod/patient-oauth";
    public static final String AUTHORIZE_PATH = OAUTH_PATH + "/authorize";
    public static final String TOKEN_PATH = OAUTH_PATH + "/token";
    public static final String REVOKE_PATH = OAUTH_PATH + "/token/revoke";
    /** Base paths, each ending in '/' as NextGen publishes them. */
    public static final String R4_BASE = "/nge/prod/fhir-api-r4/fhir/r4/";
    public static final String DSTU2_BASE = "/nge/prod/fhir-api/fhir/dstu2/";
    public static final String OPEN_R4_BASE = "/open/fhir/r4/";
    public static final String OPEN_DSTU2_BASE = "/open/fhir/dstu2/";
    /** Under each secured base; public, as SMART discovery happens before any token exists. */
    public static final String SMART_CONFIGURATION = ".well-known/smart-configuration";

    private static final System.Logger LOG = System.getLogger(NextGenSandbox.class.getName());

    private final NextGenSandboxSettings settings;
    private final SandboxClock clock;
    private final NextGenCharts charts;
    private final OAuthGrants grants;
    private final FaultInjector faults = new FaultInjector();
    private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());
    private final List<TokenRequest> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private Server server;

    public NextGenSandbox(NextGenSandboxSettings settings, SandboxClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.charts = NextGenCharts.seeded(clock, settings.seed(), settings.seedPatients());
        this.grants = new OAuthGrants(settings, clock);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("sandbox-nextgen");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(settings.port());
        jetty.addConnector(connector);
        jetty.setHandler(routes());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the start error is the one to report
            }
            throw new IllegalStateException("Cannot start the NextGen sandbox on port " + settings.port(), e);
        }
        server = jetty;
        LOG.log(System.Logger.Level.INFO, "NextGen sandbox listening on {0}", baseUrl());
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "NextGen sandbox did not stop cleanly: {0}",
                    e.getClass().getSimpleName());
        }
        server = null;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The bound port (the real one when started on port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("NextGen sandbox is not running");
        }
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** e.g. {@code http://127.0.0.1:18093}; no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String r4BaseUrl() {
        return baseUrl() + R4_BASE;
    }

    public String dstu2BaseUrl() {
        return baseUrl() + DSTU2_BASE;
    }

    public NextGenSandboxSettings settings() {
        return settings;
    }

    private ServletContextHandler routes() {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        addFilter(context, new TrafficFilter(faults, clock, recorded::add), "/*");
        addFilter(context, new BearerTokenFilter(grants, R4_BASE), R4_BASE + "*");
        addFilter(context, new BearerTokenFilter(grants, DSTU2_BASE), DSTU2_BASE + "*");

        context.addServlet(new ServletHolder(new AuthorizeServlet(settings, grants, charts)),
                AUTHORIZE_PATH);
        context.addServlet(new ServletHolder(new TokenServlet(settings, grants, clock, tokenRequests::add)),
                TOKEN_PATH);
        context.addServlet(new ServletHolder(new RevokeServlet(settings, grants)), REVOKE_PATH);
        ServletHolder smartConfiguration = new ServletHolder(new SmartConfigurationServlet(this::baseUrl));
        context.addServlet(smartConfiguration, R4_BASE + SMART_CONFIGURATION);
        context.addServlet(smartConfiguration, DSTU2_BASE + SMART_CONFIGURATION);

        context.addServlet(new ServletHolder(r4Server(true)), R4_BASE + "*");
        context.addServlet(new ServletHolder(r4Server(false)), OPEN_R4_BASE + "*");
        context.addServlet(new ServletHolder(dstu2Server(true)), DSTU2_BASE + "*");
        context.addServlet(new ServletHolder(dstu2Server(false)), OPEN_DSTU2_BASE + "*");
        return context;
    }

    private RestfulServer r4Server(boolean secured) {
        RestfulServer fhir = fhirServer(FhirContext.forR4Cached(), FhirRendering.R4, secured);
        fhir.registerInterceptor(new SmartSecurityInterceptor(this::baseUrl));
        return fhir;
    }

    private RestfulServer dstu2Server(boolean secured) {
        return fhirServer(FhirContext.forDstu2Cached(), FhirRendering.DSTU2, secured);
    }

    private RestfulServer fhirServer(FhirContext context, FhirRendering rendering, boolean secured) {
        RestfulServer fhir = new RestfulServer(context);
        ChartQueries queries = new ChartQueries(charts, secured);
        fhir.registerProviders(new PatientResourceProvider(queries, rendering),
                new MedicationOrderResourceProvider(queries, rendering),
                new PractitionerResourceProvider(queries, rendering),
                new MedicationResourceProvider(queries, rendering));
        fhir.setServerName("Nextgen FHIR Server (medsync sandbox)");
        fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(200);
        paging.setDefaultPageSize(50);
        paging.setMaximumPageSize(500);
        fhir.setPagingProvider(paging);
        return fhir;
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String pathSpec) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    // ---- test hooks: OAuth -------------------------------------------------------------------------------------

    /** The patient withdrew consent at NextGen: all access and refresh tokens of their grants stop working. */
    public void revokeGrantsOf(String patientId) {
        grants.revokeGrantsOf(patientId);
    }

    /** Every access token issued so far expires now (refresh tokens stay valid). */
    public void expireAccessTokens() {
        grants.expireAccessTokens();
    }

    /** Token endpoint calls in arrival order (a snapshot). */
    public List<TokenRequest> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    public List<TokenRequest> tokenRequests(String grantType) {
        return tokenRequests().stream().filter(r -> grantType.equals(r.grantType())).toList();
    }

    /** How many refresh tokens were issued for this patient (first consent + each rotation). */
    public int issuedRefreshTokens(String patientId) {
        return grants.refreshTokensIssuedTo(patientId);
    }

    // ---- test hooks: traffic -----------------------------------------------------------------------------------

    public FaultInjector faults() {
        return faults;
    }

    /** Requests in arrival order (a snapshot); no bodies, no Authorization header. */
    public List<RecordedRequest> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public void clearRecorded() {
        recorded.clear();
        tokenRequests.clear();
    }

    // ---- test hooks: charts ------------------------------------------------------------------------------------

    /** The version-neutral charts, with mutation hooks ({@code addMedicationOrder}, {@code touchPatient}, ...). */
    public NextGenCharts charts() {
        return charts;
    }

    public List<String> patientIds() {
        return charts.patients().stream().map(Chart.Patient::id).toList();
    }

    /**
     * The seed's first patient: complete demographics, and every active prescription mappable and written by a
     * practitioner NovaMed accepts (valid NPI, email, address). End-to-end tests count on it.
     */
    public String cleanPatientId() {
        return patientIds().get(0);
    }

    public long activeOrderCount(String patientId) {
        return charts.ordersOf(patientId).stream().filter(o -> o.status() == Chart.OrderStatus.ACTIVE).count();
    }

    public Patient r4Patient(String patientId) {
        return R4ChartRenderer.patient(charts.patient(patientId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown patient " + patientId)));
    }

    public List<MedicationRequest> r4MedicationRequests(String patientId) {
        return charts.ordersOf(patientId).stream().map(R4ChartRenderer::medicationRequest).toList();
    }

    public ca.uhn.fhir.model.dstu2.resource.Patient dstu2Patient(String patientId) {
        return Dstu2ChartRenderer.patient(charts.patient(patientId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown patient " + patientId)));
    }

    public List<MedicationOrder> dstu2MedicationOrders(String patientId) {
        return charts.ordersOf(patientId).stream().map(Dstu2ChartRenderer::medicationOrder).toList();
    }

    public List<org.hl7.fhir.r4.model.Practitioner> r4Practitioners() {
        return charts.practitioners().stream().map(R4ChartRenderer::practitioner).toList();
    }

    public List<ca.uhn.fhir.model.dstu2.resource.Practitioner> dstu2Practitioners() {
        return charts.practitioners().stream().map(Dstu2ChartRenderer::practitioner).toList();
    }

    /** Adds an active order (RxNorm coded, free-text dosage) to both versions, lastUpdated = now; returns its id. */
    public String addMedicationOrder(String patientId, String rxNormCode, String medicationText, String requesterId) {
        return charts.addMedicationOrder(patientId, rxNormCode, medicationText, requesterId);
    }

    public void touchPatient(String patientId) {
        charts.touchPatient(patientId);
    }

    /** Sets an order's status by FHIR code (e.g. "stopped"), lastUpdated = now. */
    public void updateMedicationStatus(String orderId, String statusCode) {
        charts.updateMedicationStatus(orderId, Chart.OrderStatus.fromCode(statusCode));
    }
}
