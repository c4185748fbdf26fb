package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.check.AfterHoursCheck;
import io.jieneng.analytics.alert.check.CheckContext;
import io.jieneng.analytics.alert.check.DataGapCheck;
import io.jieneng.analytics.alert.check.OfflineCheck;
import io.jieneng.analytics.alert.check.PueCheck;
import io.jieneng.analytics.alert.check.QuotaCheck;
import io.jieneng.analytics.alert.webhook.WebhookService;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.analytics.quota.QuotaService;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The alert engine (docs/ALERTS.md): runs every check on one registry snapshot, turns what they found into state
 * changes ({@link Reconciler}) and stores them with their history and webhook deliveries ({@link AlertStore}).
 * Only one analytics instance evaluates at a time ({@link EngineLock}).
 */
@ApplicationScoped
public class AlertService {

    /** After the store and the rollups, before the in-process ingest. */
    public static final int STARTUP_PRIORITY = TimeSeriesStore.STARTUP_PRIORITY + 7;
    private static final Logger LOG = Logger.getLogger(AlertService.class);
    /** Before the in-process ingest and the registry database stop. */
    static final int SHUTDOWN_PRIORITY = RegistryService.STARTUP_PRIORITY - 5;
    private static final String OFFLINE = "meter_offline";

    @Inject
    AlertsConfig config;

    @Inject
    JienengConfig platform;

    @Inject
    RegistryService registry;

    @Inject
    TimeSeriesStore timeSeries;

    @Inject
    MeterEnergySource energy;

    @Inject
    WorkingCalendar calendar;

    @Inject
    WebhookService webhooks;

    @Inject
    QuotaService quotas;

    @Inject
    MeterRegistry meterRegistry;

    /** The engine's clock; tests evaluate "as of" chosen instants through {@link #evaluate(Instant)} instead. */
    Clock clock = Clock.systemUTC();

    private AlertStore store;
    private EngineLock lock;
    private AlertMetrics metrics;
    private Instant startedAt;
    private AlertEngine engine;
    private Instant lastEnergyRun;
    private volatile boolean stopped;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        requirePositive("JIENENG_ALERTS_OFFLINE_INTERVALS", config.offlineIntervals());
        requirePositive("JIENENG_ALERTS_OFFLINE_MIN_MINUTES", config.offlineMinMinutes());
        requirePositive("JIENENG_ALERTS_AFTER_HOURS_DAYS", config.afterHoursDays());
        requirePositive("JIENENG_ALERTS_DATA_GAP_DAYS", config.dataGapDays());
        if (config.energyChecksEveryMinutes() < 0) {
            throw new IllegalStateException("JIENENG_ALERTS_ENERGY_CHECKS_EVERY_MINUTES must not be negative");
        }
        if (!(config.afterHoursRatio() > 0) || !(config.pueLimit() > 0) || !(config.dataGapMinCompleteness() > 0)
                || config.dataGapMinCompleteness() > 1) {
            throw new IllegalStateException("JIENENG_ALERTS_AFTER_HOURS_RATIO and JIENENG_ALERTS_PUE_LIMIT must be "
                    + "positive and JIENENG_ALERTS_DATA_GAP_MIN_COMPLETENESS in (0, 1]");
        }
        store = new AlertStore(registry.dataSource(), platform.timezone());
        lock = new EngineLock(registry.dataSource());
        metrics = new AlertMetrics(meterRegistry);
        startedAt = clock.instant();
        Map<String, Function<CheckContext, Evaluation>> checks = new LinkedHashMap<>();
        OfflineCheck offline = new OfflineCheck(timeSeries::reader, config.offlineIntervals(),
                Duration.ofMinutes(config.offlineMinMinutes()));
        checks.put(OFFLINE, offline::evaluate);
        checks.put("quota", new QuotaCheck(quotas)::evaluate);
        checks.put("data_gap", new DataGapCheck(energy, config.dataGapMinCompleteness(),
                config.dataGapDays())::evaluate);
        checks.put("after_hours_waste", new AfterHoursCheck(energy, calendar, config.afterHoursRatio(),
                config.afterHoursDays(), config.dataGapMinCompleteness())::evaluate);
        checks.put("pue_above_limit", new PueCheck(energy, config.pueLimit())::evaluate);
        engine = new AlertEngine(store, checks);
        int year = LocalDate.now(clock.withZone(platform.timezone())).getYear();
        if (!calendar.covers(year)) {
            LOG.warnf("the holiday calendar %s has no arrangement for %d: after-hours alerts treat every %s as a "
                    + "working day; add the year (docs/ALERTS.md) and set JIENENG_CALENDAR_FILE",
                    calendar.table().origin(), year, calendar.workingDays());
        }
    }

    void stop(@Observes @Priority(SHUTDOWN_PRIORITY) ShutdownEvent event) {
        stopped = true;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1, was " + value);
        }
    }

    /**
     * One scheduled run as of now; failures are logged. meter_offline waits one minimum threshold after start-up,
     * so devices can reconnect and resend what they buffered while the platform was down. The energy-based checks
     * (quota, data gap, after-hours, PUE) judge complete days or the year so far, which change slowly: they run
     * every {@code JIENENG_ALERTS_ENERGY_CHECKS_EVERY_MINUTES} and on the first run of each local day.
     */
    public void runNow() {
        if (lock == null || stopped) {
            return;
        }
        Instant now = clock.instant();
        boolean offline = !now.isBefore(startedAt.plus(Duration.ofMinutes(config.offlineMinMinutes())));
        boolean energy = lastEnergyRun == null
                || !LocalDate.ofInstant(lastEnergyRun, platform.timezone())
                .equals(LocalDate.ofInstant(now, platform.timezone()))
                || !now.isBefore(lastEnergyRun.plus(Duration.ofMinutes(config.energyChecksEveryMinutes())));
        try {
            Optional<AlertEngine.RunSummary> ran = run(now, name -> OFFLINE.equals(name) ? offline : energy);
            if (energy && ran.isPresent() && ran.get().failedChecks().isEmpty()) {
                lastEnergyRun = now;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "alert engine run failed; the next run tries again");
        }
    }

    /**
     * Evaluates every check as of {@code asOf} and applies the changes; empty when another instance is running.
     * Alerts opened or resolved get {@code asOf} as their time.
     */
    public Optional<AlertEngine.RunSummary> evaluate(Instant asOf) {
        return run(asOf, name -> true);
    }

    private Optional<AlertEngine.RunSummary> run(Instant asOf, Predicate<String> include) {
        return lock.underEngineLock(asOf, clock.instant(), () -> metrics.run().record(() -> runLocked(asOf,
                include)));
    }

    private AlertEngine.RunSummary runLocked(Instant asOf, Predicate<String> include) {
        AlertEngine.Result result = engine.run(new CheckContext(registry.current(), asOf, platform.timezone()),
                include, webhooks.urls());
        metrics.ran(result.plan(), result.summary().failedChecks().size(), store.countUnresolved());
        return result.summary();
    }

    public AlertStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }
}
