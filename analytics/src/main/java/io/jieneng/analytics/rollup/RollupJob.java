package io.jieneng.analytics.rollup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs the rollup job every {@code JIENENG_ROLLUP_INTERVAL_SECONDS}; a run never overlaps the previous one. */
@ApplicationScoped
public class RollupJob {

    @Inject
    RollupService rollups;

    @Scheduled(every = "${jieneng.rollup.interval-seconds:10}s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        rollups.runOnce();
    }
}
