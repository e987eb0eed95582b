package io.medsync.sandbox.nextgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import io.medsync.sandbox.FaultInjector;
import io.medsync.sandbox.RecordedRequest;

/**
 * Applies the shared {@link FaultInjector} to every request of the NextGen simulator (answer instead, delay, drop the
 * connection, or handle and lose the answer), as {@code SandboxHttpServer} does for the other simulators, and records
 * each request. Records carry method, path, query and headers, without bodies, {@code Authorization} or cookies.
 */
final class TrafficFilter extends HttpFilter {

    private static final System.Logger LOG = System.getLogger(TrafficFilter.class.getName());

    private final transient FaultInjector faults;
    private final transient Clock clock;
    private final transient Consumer<RecordedRequest> recorder;

    TrafficFilter(FaultInjector faults, Clock clock, Consumer<RecordedRequest> recorder) {
        this.faults = faults;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        Optional<FaultInjector.Fault> fault = faults.nextFor(path);
        if (fault.isPresent() && fault.get() instanceof FaultInjector.Drop) {
            record(request, 0);
            abortConnection(request);
            return;
        }
        if (fault.isPresent() && fault.get() instanceof FaultInjector.LoseAnswer) {
            DiscardingResponse discarded = new DiscardingResponse(response);
            chain.doFilter(request, discarded);
            record(request, discarded.getStatus());
            abortConnection(request);
            return;
        }
        if (fault.isPresent() && fault.get() instanceof FaultInjector.Delay delay) {
            pause(delay.delay().toMillis());
        }
        if (fault.isPresent() && fault.get() instanceof FaultInjector.Respond respond) {
            record(request, respond.status());
            response.setStatus(respond.status());
            respond.headers().forEach(response::setHeader);
            if (respond.body() != null) {
                response.getOutputStream().write(respond.body().getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        chain.doFilter(request, response);
        record(request, response.getStatus());
        LOG.log(System.Logger.Level.DEBUG, "NextGen {0} {1} -> {2}", request.getMethod(), path, response.getStatus());
    }

    private void record(HttpServletRequest request, int status) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Cookie")) {
                headers.put(name, List.copyOf(Collections.list(request.getHeaders(name))));
            }
        }
        recorder.accept(new RecordedRequest(clock.instant(), request.getMethod(), request.getRequestURI(),
                request.getQueryString(), Collections.unmodifiableMap(headers), null, status));
    }

    /** Closes the connection without an answer, as a crashed or partitioned server would. */
    private static void abortConnection(HttpServletRequest request) {
        // Closing the endpoint (not aborting the channel) is what keeps Jetty from writing its own 500 afterwards.
        ServletContextRequest.getServletContextRequest(request).getServletChannel().getEndPoint().close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the handler run to completion while nothing reaches the wire. */
    private static final class DiscardingResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        private int status = 200;

        DiscardingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendRedirect(String location) {
            status = 302;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    sink.write(b);
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8));
        }
    }
}
