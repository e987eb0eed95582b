package io.medsync.ops;

import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The operator console is static files under META-INF/resources/console/. Its pages call the ops API with the
 * operator's token; the files themselves hold no data and need none. {@code /console} leads to the console's
 * index, whose links are relative to {@code /console/}.
 */
public class OperatorConsole {

    void redirectToIndex(@Observes Router router) {
        // Vert.x matches "/console" to "/console/" as well: only the bare path is redirected.
        router.get("/console").handler(rc -> {
            if (rc.request().path().equals("/console")) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
    }
}
