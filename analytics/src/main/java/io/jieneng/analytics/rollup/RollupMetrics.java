package io.jieneng.analytics.rollup;

import io.jieneng.store.Arrival;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rollup job's meters (docs/ROLLUPS.md). Prometheus shows them as {@code jieneng_rollup_lag_seconds},
 * {@code jieneng_rollup_meter_days_total}, {@code jieneng_rollup_run_seconds} and
 * {@code jieneng_rollup_pending_markers}.
 */
final class RollupMetrics {

    private final AtomicLong watermarkMillis = new AtomicLong(-1);
    private final AtomicLong pendingMarkers = new AtomicLong();
    private final Counter meterDays;
    private final Timer run;

    RollupMetrics(MeterRegistry registry, Clock clock) {
        Gauge.builder("jieneng.rollup.lag", () -> {
            long w = watermarkMillis.get();
            return w < 0 ? Double.NaN : (clock.millis() - w) / 1000.0;
        }).baseUnit("seconds").description("How far the rollup watermark is behind now").register(registry);
        Gauge.builder("jieneng.rollup.pending.markers", pendingMarkers, AtomicLong::get)
                .description("Arrival markers not rolled up yet").register(registry);
        meterDays = Counter.builder("jieneng.rollup.meter.days")
                .description("Meter-days the rollup job recomputed").register(registry);
        run = Timer.builder("jieneng.rollup.run").description("Duration of a rollup job run").register(registry);
    }

    Timer run() {
        return run;
    }

    void ran(long watermark, long meterDaysDone, long pending) {
        watermarkMillis.set(watermark);
        meterDays.increment(meterDaysDone);
        pendingMarkers.set(pending);
    }

    void watermark(long watermark) {
        watermarkMillis.set(watermark);
    }
}
