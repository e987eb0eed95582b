package io.medsync.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.spi.EventNotifier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every call to a partner as a Camel route, {@code partner-call-<partner>}: the partner's authorization step, the
 * payload written as JSON (Camel Jackson), its Camel HTTP endpoint, the answer classified into a {@link CallResult},
 * and a 2xx answer read into the record the request names (Camel Jackson again, {@link PartnerAnswers}). One
 * attempt per exchange: retries, backoff, 429 waits and the rate budget stay in {@link OutboundCaller}, which sends
 * each attempt here. Each partner has its own HTTP component, so its own connection pool, with the client's own
 * retries (and so its {@code Retry-After} handling), redirects and cookies off.
 */
@ApplicationScoped
public class PartnerCallRoutes extends RouteBuilder {

    /** The credential kinds each partner takes, by the system name that starts every call target. */
    static final Map<String, Set<Class<? extends PartnerRequest.Credential>>> PARTNERS = Map.of(
            "nexhealth", Set.of(PartnerRequest.ApiKey.class, PartnerRequest.Bearer.class),
            "novamed", Set.of(PartnerRequest.ApiKey.class),
            "nextgen", Set.of(PartnerRequest.Bearer.class, PartnerRequest.Basic.class),
            "heidi", Set.of(PartnerRequest.ApiKey.class, PartnerRequest.Bearer.class));

    /**
     * A pooled connection idle longer than this is checked before reuse. A connection the partner closed while idle
     * would otherwise fail the next request after sending it: a false "answer lost", an order wrongly in doubt.
     */
    private static final TimeValue CHECK_IDLE_CONNECTIONS_AFTER = TimeValue.ofMilliseconds(100);

    private final HttpSettings settings;
    private final ObjectMapper objectMapper;

    PartnerCallRoutes(HttpSettings settings, ObjectMapper objectMapper) {
        this.settings = settings;
        this.objectMapper = objectMapper;
    }

    /** The route a partner's calls go through. */
    static String endpointOf(String partner) {
        return "direct:partner-call-" + partner;
    }

    static List<String> routeIds() {
        return PARTNERS.keySet().stream().sorted().map(p -> "partner-call-" + p).toList();
    }

    @Override
    public void configure() throws Exception {
        // A failed attempt is an answer for OutboundCaller to classify, never something Camel redelivers.
        errorHandler(noErrorHandler());
        // One JSON setup for every partner, both ways: the application's ObjectMapper (Quarkus's settings: unknown
        // properties ignored, ISO-8601 dates, java.time) writes payloads and reads answers into the type each request
        // names (PartnerAnswers sets that header itself, over any of the same name a partner might send).
        JacksonDataFormat json = new JacksonDataFormat();
        json.setObjectMapper(objectMapper);
        json.setUseDefaultObjectMapper(false);
        json.setAllowUnmarshallType(true);

        getContext().addStartupListener((context, alreadyStarted) -> measureOnlyPartnerCalls(context));

        PARTNERS.forEach((partner, credentials) -> {
            getContext().addComponent(partner + "-http", component());
            from(endpointOf(partner)).routeId("partner-call-" + partner)
                    .process(new PartnerAuthorization(partner, credentials))
                    .process(PartnerCallRoutes::requestLine)
                    .choice().when(PartnerCallRoutes::payloadIsRecord)
                        .marshal(json)
                    .end()
                    .doTry()
                        // The URL comes with each request (CamelHttpUri): one endpoint, one pool per partner.
                        .to(partner + "-http://" + partner + "?throwExceptionOnFailure=false&copyHeaders=false"
                                + "&followRedirects=false")
                    .doCatch(java.io.IOException.class)
                    .end()
                    .process(AnswerClassifier::classify)
                    // A 2xx answer read into the record the request names (Camel Jackson); error bodies stay text.
                    .filter(PartnerAnswers::expected)
                        .process(PartnerAnswers::prepare)
                        .doTry()
                            .unmarshal(json)
                            .process(PartnerAnswers::read)
                        .doCatch(java.io.IOException.class)
                            .process(PartnerAnswers::unreadable)
                        .end()
                    .end();
        });
    }

    /**
     * Camel's Micrometer exchange event notifier searches the whole meter registry for every exchange it is told of
     * (its "last exchange" gauge): 4–7 % of medsync's CPU in a sync, where each record is several exchanges. The
     * partner endpoints are what its metrics are read for (docs/architecture.md), so it hears of partner calls only.
     */
    static void measureOnlyPartnerCalls(CamelContext context) {
        for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
            if (notifier instanceof MicrometerExchangeEventNotifier exchanges) {
                exchanges.setIgnoreExchanges(exchange -> !isPartnerCall(exchange));
            }
        }
    }

    static boolean isPartnerCall(Exchange exchange) {
        String route = exchange.getFromRouteId();
        return route != null && route.startsWith("partner-call-");
    }

    /** Method, URL and headers of the request on the message; the payload becomes the body. */
    private static void requestLine(Exchange exchange) {
        PartnerRequest request = exchange.getMessage().getBody(PartnerRequest.class);
        // As the endpoint reads it: a String here cost a type-converter search on every call (Camel caches no miss).
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD,
                HttpMethods.valueOf(request.method().toUpperCase(java.util.Locale.ROOT)));
        exchange.getMessage().setHeader(Exchange.HTTP_URI, request.url());
        exchange.setProperty(PartnerAnswers.ANSWER_TYPE, request.answerType());
        request.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(request.payload());
    }

    private static boolean payloadIsRecord(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body != null && !(body instanceof byte[]) && !(body instanceof String);
    }

    /** Timeouts from {@code medsync.http.*}; nothing the client could do on its own (retry, redirect, wait). */
    private HttpComponent component() {
        HttpComponent http = new HttpComponent() {
            @Override
            protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
                    int maxTotal, int perRoute, SocketConfig socket) {
                HttpClientConnectionManager manager = super.createConnectionManager(registry, maxTotal, perRoute,
                        socket);
                if (manager instanceof PoolingHttpClientConnectionManager pool) {
                    pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                            .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                            .setValidateAfterInactivity(CHECK_IDLE_CONNECTIONS_AFTER)
                            .build());
                }
                return manager;
            }
        };
        http.setAutomaticRetriesDisabled(true);
        http.setRedirectHandlingDisabled(true);
        http.setFollowRedirects(false);
        http.setCookieManagementDisabled(true);
        http.setContentCompressionDisabled(true);
        http.setUseSystemProperties(false);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        // The pool lease counts as connecting: nothing has been sent while a request waits for a connection.
        http.setConnectionRequestTimeout(settings.connectTimeout().toMillis());
        http.setResponseTimeout(settings.requestTimeout().toMillis());
        http.setSoTimeout(settings.requestTimeout().toMillis());
        http.setMaxTotalConnections(settings.connectionsPerPartner());
        http.setConnectionsPerRoute(settings.connectionsPerPartner());
        return http;
    }
}
