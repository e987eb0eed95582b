package io.medsync.nexhealth;

import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;

/**
 * The threads that read a pull's next NexHealth page while the current one is delivered: at most one per running
 * pull, so a cached pool (idle threads go after a minute). Camel owns the pool and stops it with the context.
 */
@ApplicationScoped
public class PageReadAhead {

    private final ExecutorService executor;

    PageReadAhead(CamelContext camel) {
        this.executor = camel.getExecutorServiceManager().newCachedThreadPool(this, "nexhealth-read-ahead");
    }

    ExecutorService executor() {
        return executor;
    }
}
