package io.medsync.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Housekeeping of the embedded H2 ledger file ({@code medsync.ledger.h2.*}); PostgreSQL ignores it. */
@ConfigMapping(prefix = "medsync.ledger.h2")
public interface H2LedgerSettings {

    /** How often the file's sparse chunks are compacted; {@code PT0S} switches housekeeping off. */
    @WithDefault("PT1S")
    Duration housekeepingInterval();

    /**
     * How long H2 keeps a chunk that no longer holds live data before reusing its space (H2's own default is 45 s,
     * which at hundreds of commits per second keeps hundreds of MB of dead chunks). Not 0: with H2's SQL store
     * (versionsToKeep 0) that is the setting under which reopening a file has been reported to fail with "Double
     * mark" (h2database#2752); a second costs about a second of commits in file size.
     */
    @WithDefault("PT1S")
    Duration retentionTime();
}
