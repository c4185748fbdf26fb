package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.Arrival;
import io.jieneng.store.RollupStore;
import io.jieneng.store.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rollups of this platform (docs/ROLLUPS.md): runs the job, serves the rollup-backed energy source and takes
 * rebuild requests.
 */
@ApplicationScoped
public class RollupService {

    /** After the time-series store, before the in-process ingest. */
    public static final int STARTUP_PRIORITY = TimeSeriesStore.STARTUP_PRIORITY + 5;
    private static final Logger LOG = Logger.getLogger(RollupService.class);
    private static final Duration MARKER_WAIT = Duration.ofSeconds(30);

    @Inject
    JienengConfig config;

    @Inject
    TimeSeriesStore timeSeries;

    @Inject
    RegistryService registry;

    @Inject
    MeterRegistry meters;

    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, MeterSettings> settings = Map.of();
    private volatile RollupStateStore state;
    private volatile RollupRun run;
    private RollupMetrics metrics;

    /** What a rebuild request marked: this many meters over [from, to). */
    public record RebuildAccepted(int meters, Instant from, Instant to, int startsWithinSeconds) {
    }

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        JienengConfig.Rollup r = config.rollup();
        if (Duration.ofSeconds(r.safetySeconds()).compareTo(Stores.WRITE_ATTEMPT_BOUND) <= 0) {
            LOG.warnf("JIENENG_ROLLUP_SAFETY_SECONDS=%d is not above the ingest write bound of %d s: a marker "
                    + "committed late could be missed by the rollup job (use this only in tests)",
                    r.safetySeconds(), Stores.WRITE_ATTEMPT_BOUND.toSeconds());
        }
        RollupStore store = timeSeries.rollups();
        state = new RollupStateStore(registry.dataSource(), store.stateKey());
        metrics = new RollupMetrics(meters, clock);
        run = new RollupRun(store, state, recomputer(), registry::current,
                new RollupRun.Settings(Duration.ofSeconds(r.safetySeconds()),
                        Duration.ofDays(r.markerRetentionDays())), clock);
        if (!config.rollupsEnabled()) {
            LOG.info("rollups disabled (JIENENG_ROLLUPS_ENABLED=false): every answer is computed from raw readings");
        }
        settings = MeterSettings.of(registry.current());
        registry.onChange(this::registryChanged);
    }

    /**
     * Marks every stored reading of meters whose type, role or reporting interval changed, so the job recomputes
     * their rollups with the new settings and queries compute them from raw readings meanwhile.
     */
    synchronized void registryChanged() {
        Map<String, MeterSettings> now = MeterSettings.of(registry.current());
        Set<String> changed = MeterSettings.changed(settings, now);
        settings = now;
        if (changed.isEmpty() || !config.rollupsEnabled()) {
            return;
        }
        RollupStore store = timeSeries.rollups();
        List<Arrival> marks = store.storedRanges().stream().filter(a -> changed.contains(a.meterId())).toList();
        if (!marks.isEmpty()) {
            store.writeMarkers(marks, clock.millis());
            store.awaitIngested(MARKER_WAIT);
            LOG.infof("rollups: the settings of %d meter(s) changed; their rollups are recomputed", marks.size());
        }
    }

    /**
     * The energy source the API computes with: rollups merged with raw readings, or with {@code enabled} false the
     * raw readings alone ({@link RollupMeterEnergy#route}).
     */
    MeterEnergySource energySource(RawMeterEnergy raw, boolean enabled) {
        JienengConfig.Rollup r = config.rollup();
        // The cache relies on markers committing within the ingest write bound, whatever margin the job uses.
        Duration margin = Duration.ofSeconds(r.safetySeconds());
        if (margin.compareTo(Stores.WRITE_ATTEMPT_BOUND) < 0) {
            margin = Stores.WRITE_ATTEMPT_BOUND;
        }
        return new RollupMeterEnergy(raw, enabled ? timeSeries::rollups : () -> null, () -> state, recomputer(),
                new SumCache(clock, margin, Duration.ofDays(r.markerRetentionDays())));
    }

    private Recomputer recomputer() {
        return new Recomputer(timeSeries::reader, config.timezone(), clock);
    }

    /** One job run; failures are logged and retried at the next run, since the watermark did not move. */
    public void runOnce() {
        RollupRun current = run;
        if (!config.rollupsEnabled() || current == null) {
            return;
        }
        try {
            boolean more = true;
            while (more) {
                Optional<RollupRun.Outcome> outcome = metrics.run().recordCallable(current::run);
                if (outcome == null || outcome.isEmpty()) {
                    metrics.watermark(state.read().watermarkMillis());
                    return;
                }
                RollupRun.Outcome o = outcome.get();
                metrics.ran(o.watermarkMillis(), o.meterDays(),
                        timeSeries.rollups().countMarkersAfter(o.watermarkMillis()));
                if (o.meterDays() > 0) {
                    LOG.debugf("rollups: %d markers, %d meter-days, %d rows; watermark %s", o.markers(),
                            o.meterDays(), o.rows(), Instant.ofEpochMilli(o.watermarkMillis()));
                }
                more = o.more();
            }
        } catch (Exception e) {
            LOG.warnf(e, "rollup run failed; the next run retries from the same watermark");
        }
    }

    /**
     * Asks the job to recompute [from, to) of one meter or of every meter in the registry, by marking those
     * readings as changed: until the job is done, queries compute that range from the raw readings.
     */
    public RebuildAccepted rebuild(Instant from, Instant to, Optional<String> meterId) {
        if (!config.rollupsEnabled() || run == null) {
            throw new ApiException(Response.Status.CONFLICT, "rollups disabled",
                    "JIENENG_ROLLUPS_ENABLED is false: there are no rollups to rebuild", Map.of());
        }
        List<Meter> targets = meterId.map(id -> List.of(registry.current().meter(id).orElseThrow(() ->
                ApiException.badRequest("unknown meter", "no meter has the id " + id))))
                .orElseGet(() -> registry.current().document().meters());
        List<Arrival> marks = targets.stream().map(m -> new Arrival(m.id(), from.toEpochMilli(),
                to.toEpochMilli() - 1)).toList();
        RollupStore store = timeSeries.rollups();
        store.writeMarkers(marks, clock.millis());
        store.awaitIngested(MARKER_WAIT);
        LOG.infof("rollups: rebuild of %d meter(s) from %s to %s requested; the job starts on it within %d s",
                marks.size(), from, to, startsWithinSeconds());
        return new RebuildAccepted(marks.size(), from, to, startsWithinSeconds());
    }

    private int startsWithinSeconds() {
        return config.rollup().intervalSeconds() + config.rollup().safetySeconds();
    }
}
