package io.medsync.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What the HTTP server answers before or after any resource of ours: {@code OPTIONS} is refused (405) unless CORS is
 * configured, a path nothing serves is a JSON 404 (not the framework's page), and a request the server refuses on its
 * own (body over the size limit, ...) gets the same JSON error shape as every other client error.
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);

    private final boolean cors;

    HttpEdge(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean cors) {
        this.cors = cors;
    }

    void routes(@Observes Router router) {
        if (!cors) {
            router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
                if (ctx.request().method() == HttpMethod.OPTIONS) {
                    answer(ctx, 405, "method_not_allowed", "OPTIONS is not served here (no CORS is configured)");
                } else {
                    ctx.next();
                }
            });
        }
        router.route().order(Integer.MIN_VALUE + 11).failureHandler(ctx -> {
            int status = ctx.statusCode();
            if (status >= 400 && status < 500 && !ctx.response().ended() && !ctx.response().headWritten()) {
                answer(ctx, status, ClientErrors.codeOf(status), ClientErrors.messageOf(status));
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            answer(ctx, 404, "not_found", ClientErrors.messageOf(404));
        });
    }

    private static void answer(RoutingContext ctx, int status, String error, String message) {
        LOG.warnf("client error %d %s", status, error);
        write(ctx, status, error, message);
    }

    /** The JSON error shape, without the log line (for refusals counted by a metric instead: a flood of them). */
    static void write(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject(Map.of("error", error, "message", message)).encode());
    }
}
