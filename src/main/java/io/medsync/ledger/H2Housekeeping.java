package io.medsync.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the embedded H2 ledger file bounded while a sync runs.
 * <p>
 * Why: crash safety needs {@code WRITE_DELAY=0}, so H2 writes every commit through as a new chunk of the file
 * (~20 KB) before the commit returns. That mode also switches off H2's background thread, the only thing that
 * compacts the file while it is open, and H2 keeps every dead chunk for its retention time (45 s by default): the
 * file grew by ~20 KB per commit, to GBs in a long backfill. Every interval this compacts the file (rewrites the
 * live pages of sparse chunks, so whole chunks die and their space is reused) with a short retention time. Neither
 * changes what is on disk when a commit returns, so a killed process still loses no committed transition: the
 * operating system keeps every completed write of a killed process, and H2 reuses only chunks that no committed
 * version still needs. (The retention time guards against an OS crash or power loss, where the disk may reorder
 * unsynced writes; H2 does not fsync a commit in any mode, so use PostgreSQL where that matters.)
 */
@ApplicationScoped
public class H2Housekeeping {

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class);
    /** Compact while less than this share of the chunks' space is live (H2's background thread aims at 90). */
    private static final int TARGET_FILL_RATE = 80;
    /** Live data rewritten per run at most, so a run holds H2's store lock only briefly. */
    private static final int MAX_REWRITE_BYTES = 4 * 1024 * 1024;

    private final DataSource dataSource;
    private final Duration interval;
    private final int retentionMillis;
    private final boolean embeddedH2;
    private ScheduledExecutorService executor;

    @Inject
    H2Housekeeping(DataSource dataSource, H2LedgerSettings settings,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl) {
        this(dataSource, settings.housekeepingInterval(), settings.retentionTime(),
                jdbcUrl.filter(H2Housekeeping::isEmbeddedH2File).isPresent());
    }

    H2Housekeeping(DataSource dataSource, Duration interval, Duration retentionTime, boolean embeddedH2) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.retentionMillis = Math.toIntExact(retentionTime.toMillis());
        this.embeddedH2 = embeddedH2;
    }

    static boolean isEmbeddedH2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    void start(@Observes StartupEvent event) {
        if (!embeddedH2 || interval.isZero() || interval.isNegative()) {
            return;
        }
        LOG.infof("H2 ledger housekeeping every %s, retention time %d ms", interval, retentionMillis);
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-ledger-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long period = interval.toMillis();
        executor.scheduleWithFixedDelay(this::compact, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One housekeeping pass; true when chunks were rewritten. A failure is logged and retried next interval. */
    public boolean compact() {
        try (Connection c = dataSource.getConnection()) {
            Optional<MVStore> store = fileStore(c);
            if (store.isEmpty()) {
                return false;
            }
            // Not persisted by H2: set again in case the database was closed and reopened since the last pass.
            if (store.get().getRetentionTime() != retentionMillis) {
                store.get().setRetentionTime(retentionMillis);
            }
            return store.get().compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("H2 ledger housekeeping failed (%s); next attempt in %s", e.getClass().getSimpleName(), interval);
            return false;
        }
    }

    /** The MVStore behind an embedded, file-based H2 connection; empty for anything else. */
    private static Optional<MVStore> fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || !session.getDatabase().isPersistent()) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }
}
