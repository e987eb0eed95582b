package io.medsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The partner routes on a bare CamelContext against a local stub: the client under the Camel HTTP endpoint leaves
 * every 429, retry and lost answer to {@link OutboundCaller}'s policy.
 */
class PartnerCallRoutesTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private CamelContext camel;
    private OutboundCaller caller;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new PartnerCallRoutes(SETTINGS, new ObjectMapper()));
        camel.start();
        caller = new OutboundCaller(SETTINGS, metrics, new PartnerCalls(), camel.createProducerTemplate());
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    @Test
    void aRetryAfterOfAnHourIsWaitedOutByOurPolicyWithinItsBoundNeverByTheClient() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/api", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("x-api-key"));
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "3600");
                exchange.sendResponseHeaders(429, -1);
            } else {
                byte[] ok = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, ok.length);
                exchange.getResponseBody().write(ok);
            }
            exchange.close();
        });

        long started = System.nanoTime();
        CallResult result = caller.call("novamed POST /api", () -> PartnerRequest.post(base() + "/api",
                java.util.Map.of("clinic_id", "c-1")).authorizedBy(new PartnerRequest.ApiKey("x-api-key", "k-1")),
                new CallPolicy(false, RateLimitHints.RETRY_AFTER_SECONDS, () -> {
                }));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.status()).isEqualTo(201);
        // The 429 reached our policy (counted), which waited its configured cap (1 s here), not the hour asked for.
        assertThat(metrics.counter("medsync.http.calls", "system", "novamed", "outcome", "rate_limited").count())
                .isEqualTo(1);
        assertThat(took).isGreaterThanOrEqualTo(SETTINGS.maxRateLimitWait()).isLessThan(Duration.ofSeconds(30));
        assertThat(requests).containsExactly("POST k-1", "POST k-1");
    }

    @Test
    void aRefusedConnectionIsNeverSentAndALostAnswerIsInDoubt() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        CallResult refused = caller.call("novamed POST /api", () -> PartnerRequest.post("http://127.0.0.1:"
                + closedPort + "/api", "{}"), new CallPolicy(false, RateLimitHints.NONE, () -> {
                }));
        assertThat(refused.outcome()).isEqualTo(CallOutcome.CONNECTION_FAILED);
        assertThat(refused.attempts()).isEqualTo(SETTINGS.maxAttempts());

        // Reads the request, then hangs up without a word: the create may have happened.
        AtomicInteger received = new AtomicInteger();
        try (ServerSocket hangUp = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!hangUp.isClosed()) {
                    try (Socket socket = hangUp.accept()) {
                        InputStream in = socket.getInputStream();
                        in.read(new byte[8192]);
                        received.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            CallResult lost = caller.call("novamed POST /api", () -> PartnerRequest.post("http://127.0.0.1:"
                    + hangUp.getLocalPort() + "/api", "{}"), new CallPolicy(false, RateLimitHints.NONE, () -> {
                    }));
            assertThat(lost.outcome()).isEqualTo(CallOutcome.AMBIGUOUS_IO);
            assertThat(lost.outcome().ambiguous()).isTrue();
            // Not resent, by the policy (a create without deduplication) nor by the client on its own.
            assertThat(received).hasValue(1);
        }
    }

    @Test
    void aSuccessfulAnswerIsReadIntoTheRecordTheRequestNamesAndAnErrorAnswerStaysText() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/token", exchange -> {
            boolean first = calls.incrementAndGet() == 1;
            byte[] body = (first ? "{\"data\":{\"token\":\"t-1\",\"expires\":3600},\"extra\":[1,2]}"
                    : "{\"error\":{\"message\":\"Patient already exists\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(first ? 200 : 409, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        java.util.function.Supplier<PartnerRequest> request = () -> PartnerRequest.post(base() + "/token", null)
                .answeredAs(TokenAnswer.class);

        CallResult read = caller.call("nexhealth POST /token", request, NO_RETRY);
        CallResult refused = caller.call("nexhealth POST /token", request, NO_RETRY);

        // Read by the route's Camel Jackson step, fields medsync does not use ignored.
        assertThat(read.answer(TokenAnswer.class, IllegalStateException::new))
                .isEqualTo(new TokenAnswer(new TokenAnswer.Token("t-1")));
        // An error is not unmarshalled: its caller reads what it needs (NovaMed's "already exists") from the text.
        assertThat(refused.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(refused.answer()).isNull();
        assertThat(refused.body()).contains("already exists");
    }

    @Test
    void anAnswerThatDoesNotMatchItsRecordIsAProblemNamingTheFieldNeverTheValue() {
        server.createContext("/token", exchange -> {
            byte[] body = "{\"data\":{\"token\":{\"name\":\"Zoë Nguyễn\"}}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        CallResult result = caller.call("nexhealth POST /token", () -> PartnerRequest.post(base() + "/token", null)
                .answeredAs(TokenAnswer.class), NO_RETRY);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.answer()).isNull();
        assertThat(result.answerProblem()).isEqualTo("field 'data.token' has the wrong type");
        assertThatThrownBy(() -> result.answer(TokenAnswer.class, IllegalStateException::new))
                .hasMessage("field 'data.token' has the wrong type");
    }

    /** A partner's answer record, as the connectors declare theirs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(Token data) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Token(String token) {
        }
    }

    private static final CallPolicy NO_RETRY = new CallPolicy(false, RateLimitHints.NONE, () -> {
    });

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static final HttpSettings SETTINGS = new HttpSettings() {
        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxAttempts() {
            return 3;
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofMillis(10);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMillis(50);
        }

        @Override
        public int maxRateLimitWaits() {
            return 3;
        }

        @Override
        public Duration defaultRateLimitWait() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration maxRateLimitWait() {
            return Duration.ofSeconds(1);
        }

        @Override
        public int connectionsPerPartner() {
            return 4;
        }
    };
}
